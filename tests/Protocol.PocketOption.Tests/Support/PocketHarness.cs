using Microsoft.Extensions.Time.Testing;
using Protocol.PocketOption.Session;
using Protocol.PocketOption.Tests.Session;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Logging;
using Protocol.Testing.Scripts;

namespace Protocol.PocketOption.Tests.Support;

// A PocketOption client on the test kit's fake Socket.IO transport and a fake clock.
internal sealed class PocketHarness : IAsyncDisposable
{
    public const string Burst = """
        > 42["assets/load"]
        > 42["indicator/load"]
        > 42["favorite/load"]
        > 42["price-alert/load"]
        > 42["getBalance"]
        > 42["changeSymbol",{"asset":"EURUSD_otc","period":60}]
        > 42["subfor","EURUSD_otc"]
        """;

    public PocketHarness(string? ssid = null, Action<ClientBuilder<PocketOptionState>>? configure = null)
    {
        Ssid = Ssid.Parse(ssid ?? SsidSamples.DemoFrame);
        var builder = new ClientBuilder<PocketOptionState>(State)
            .UseConnection(Transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://demo-api-eu.po.market/socket.io/?EIO=4&transport=websocket", "DEMO"))
            .UseTimeProvider(Clock)
            .UseLoggerFactory(Logs)
            .UsePocketOption(Ssid);
        configure?.Invoke(builder);
        Client = builder.Build();
        States = new StateRecorder<PocketOptionState>(Client);
    }

    public StateRecorder<PocketOptionState> States { get; }

    // After a drop: advances the fake clock by exactly the backoff the runner chose.
    public async Task AdvanceThroughBackoffAsync()
        => Clock.Advance((await States.NextAsync(ConnectionState.Reconnecting)).Delay);

    public Ssid Ssid { get; }

    public PocketOptionState State { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 2, 12, 10, 0, 0, TimeSpan.Zero));

    public FakeTransport Transport { get; } = new(FakeEnvelope.SocketIO);

    public CapturingLoggerFactory Logs { get; } = new();

    public Client<PocketOptionState> Client { get; }

    public string AuthLine => "> " + Ssid.AuthFrame;

    // Connects and runs the login with a one-step successauth and the burst; returns the connection, Ready.
    public async Task<FakeConnection> LoginAsync()
    {
        await Client.ConnectAsync();
        var connection = await Transport.NextConnectionAsync();
        await ScriptedExchange.Parse($$"""
            {{AuthLine}}
            < 42["successauth",{"id":"sock-1"}]
            {{Burst}}
            """).RunAsync(connection);
        await Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Logs.Dispose();
    }
}
