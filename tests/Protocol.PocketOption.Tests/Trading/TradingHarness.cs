using System.Text;
using System.Text.Json;
using Protocol.PocketOption.Trading;
using Protocol.PocketOption.Trading.Deals;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Time;
using Protocol.Trading.Market;

namespace Protocol.PocketOption.Tests.Trading;

/// <summary>A PocketOption client with the trading modules on a fake Socket.IO transport and a fake clock, logged in by <see cref="TestLogin"/>.</summary>
internal sealed class TradingHarness : IAsyncDisposable
{
    public const string AuthFrame = """42["auth",{"session":"test-session","isDemo":1}]""";

    public TradingHarness(PocketOptionTradingOptions? options = null, Action<ClientBuilder<PocketOptionState>>? configure = null)
    {
        var builder = new ClientBuilder<PocketOptionState>(State)
            .UseConnection(Transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://po.example/socket.io/?EIO=4&transport=websocket", "primary"))
            .UseTimeProvider(Time)
            .UseRandom(new Random(7))
            .UseLogin(new TestLogin());
        configure?.Invoke(builder); // before the trading modules, so an explicit rate limit is seen by AddPocketOptionTrading
        builder.AddPocketOptionTrading();
        Client = builder.Build();
        States = new StateRecorder<PocketOptionState>(Client);
        Trading = new PocketOptionTrading(Client, Account, options);
    }

    public PocketOptionState State { get; } = new();

    public TimerCountingTimeProvider Time { get; } = new(new DateTimeOffset(2025, 7, 7, 10, 0, 0, TimeSpan.Zero));

    public FakeTransport Transport { get; } = new(FakeEnvelope.SocketIO);

    public TestAccount Account { get; } = new();

    public Client<PocketOptionState> Client { get; }

    public StateRecorder<PocketOptionState> States { get; }

    public PocketOptionTrading Trading { get; }

    public DealBook Deals => State.Deals;

    public async Task<FakeConnection> ConnectReadyAsync()
    {
        await Client.ConnectAsync();
        return await LoginAsync();
    }

    /// <summary>Accepts the login on the next connection and waits for Ready.</summary>
    public async Task<FakeConnection> LoginAsync()
    {
        var connection = await Transport.NextConnectionAsync();
        (await connection.NextSentAsync()).Text.ShouldBe(AuthFrame);
        connection.PushText("""42["successauth",{"id":"x"}]""");
        await States.NextAsync(ConnectionState.Ready);
        return connection;
    }

    /// <summary>Drops the connection, lets the backoff pass on the fake clock and logs in again.</summary>
    public async Task<FakeConnection> DropAndReloginAsync(FakeConnection connection)
    {
        connection.Drop(DisconnectReason.TransportError);
        Time.Advance((await States.NextAsync(ConnectionState.Reconnecting)).Delay);
        return await LoginAsync();
    }

    /// <summary>Pushes <paramref name="payload"/> as event <paramref name="name"/>, one-step or two-step.</summary>
    public static void Push(FakeConnection connection, string name, string payload, bool twoStep)
    {
        if (twoStep)
        {
            var (header, attachment) = WireFrames.TwoStep(name, payload);
            connection.PushText(header);
            connection.PushBinary(attachment);
        }
        else
        {
            connection.PushText(WireFrames.OneStep(name, payload));
        }
    }

    /// <summary>The JSON object of a sent <c>42["name",{…}]</c> frame.</summary>
    public static JsonElement Payload(SentMessage sent, string name)
    {
        sent.IsText.ShouldBeTrue();
        sent.Text.ShouldStartWith($"42[\"{name}\",");
        using var document = JsonDocument.Parse(sent.Text.AsMemory(2));
        return document.RootElement[1].Clone();
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    /// <summary>Sends the auth frame and accepts on <c>successauth</c> (one-step or two-step); the real login is the client's.</summary>
    private sealed class TestLogin : IPlatformLogin<PocketOptionState>
    {
        public async ValueTask StartAsync(LoginContext<PocketOptionState> context, CancellationToken cancellationToken)
            => await context.SendAsync(OutgoingMessage.Text(AuthFrame), cancellationToken);

        public LoginDecision OnMessage(MessageView message, LoginContext<PocketOptionState> context)
            => message.Name.SequenceEqual("successauth"u8) ? LoginDecision.Accept() : LoginDecision.Pending;
    }
}

/// <summary>A demo account with EURUSD_otc (active, 60/120/300 s), AAPL_otc (inactive) and nothing else.</summary>
internal sealed class TestAccount : ITradingAccount
{
    private readonly Dictionary<string, AssetInfo> _assets = new(StringComparer.Ordinal)
    {
        ["EURUSD_otc"] = new("EURUSD_otc", "EUR/USD OTC", AssetKind.Currency, 92, isOtc: true, isActive: true, [TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(300)]),
        ["AAPL_otc"] = new("AAPL_otc", "Apple OTC", AssetKind.Stock, 80, isOtc: true, isActive: false, [TimeSpan.FromSeconds(60)]),
    };

    public bool IsDemo { get; set; } = true;

    public AssetInfo? FindAsset(string symbol) => _assets.GetValueOrDefault(symbol);
}
