using System.Collections.Concurrent;
using System.Text;
using Protocol.PocketOption;
using Protocol.PocketOption.Simulator;
using Protocol.Testing;
using Protocol.Testing.Time;
using Protocol.Trading.Candles;
using Protocol.Trading.Clients;
using Protocol.Trading.Tests.Contract;
using Protocol.Trading.Tests.Driving;

namespace Protocol.Trading.Tests.Platforms;

/// <summary>The PocketOption simulator and a <see cref="PocketOptionClient"/> on the real Socket.IO transport, on one fake clock.</summary>
public sealed class PocketOptionPlatform : PlatformFixture
{
    // The simulator's demo login (any demo session is accepted).
    private const string Ssid = """42["auth",{"session":"simulator-demo-session","isDemo":1,"uid":1,"platform":2}]""";

    // 200 ms past a tick boundary, as the platform's own e2e tests start: every tick time is then unambiguous.
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, 200, TimeSpan.Zero);

    private readonly PocketOptionSimulator _simulator;
    private readonly PocketOptionClient _client;
    private readonly SubscriptionsSent _sent = new();
    private readonly SendHold _orderHold = new("42[\"openOrder\"", Net);

    private PocketOptionPlatform(PocketOptionSimulator simulator, TimerCountingTimeProvider clock)
    {
        _simulator = simulator;
        Clock = clock;
        _client = PocketOptionClient.Create(Ssid, new PocketOptionOptions
        {
            Endpoint = simulator.Endpoint,
            TimeProvider = clock,
            RequestTimeout = RequestTimeout,

            // No stream at login: the contract's own subscription is the one whose subfor it waits for.
            DefaultSymbol = null,
            ConfigureBuilder = b => b.AddMiddleware(_sent).AddMiddleware(_orderHold),
        });
        _client.Client.StateChanged += (_, change) => Record(change);
    }

    /// <summary>How long the client waits for a request's reply, on the fake clock.</summary>
    public static TimeSpan RequestTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Once armed, holds the sending thread of the next order after it is tracked and timed, before its frame reaches the socket,
    /// until <see cref="SendHold.Release"/>: an order late in real time. A test that arms it must release it.
    /// </summary>
    public SendHold OrderHold => _orderHold;

    /// <inheritdoc />
    protected override ITradingClient PlatformClient => _client;

    /// <inheritdoc />
    public override TimerCountingTimeProvider Clock { get; }

    /// <inheritdoc />
    public override decimal StartBalance => _simulator.Options.DemoBalance;

    /// <inheritdoc />
    public override string TradeAssetId => "EURUSD_otc";

    /// <inheritdoc />
    public override string UnknownAssetId => "NOSUCH_otc";

    /// <inheritdoc />
    public override TimeSpan Step => TimeSpan.FromMilliseconds(500);

    /// <summary>Starts the simulator (not the client).</summary>
    /// <param name="movingPrices">Unused: the feed always moves, and a trade's open and close prices are scripted at their instants.</param>
    /// <returns>The platform.</returns>
    public static async Task<PlatformFixture> StartAsync(bool movingPrices)
    {
        _ = movingPrices;
        var clock = new TimerCountingTimeProvider(Start);
        var simulator = await PocketOptionSimulator.StartAsync(new PocketOptionSimulatorOptions { TimeProvider = clock }).WithSafetyNet(Net);
        return new PocketOptionPlatform(simulator, clock);
    }

    /// <inheritdoc />
    public override async Task WhenStreamingAsync(string assetId)
    {
        // subfor on the wire, then one round trip: the simulator handles a session's events in order.
        await _sent.WhenSubscribed(assetId).WithSafetyNet(Net);
        await SyncAsync();
    }

    /// <inheritdoc />
    public override PriceTick LastTick(string assetId) => _simulator.Feed.TickAt(assetId, Clock.GetUtcNow());

    /// <inheritdoc />
    public override void SetOpenPrice(string assetId, decimal price) => _simulator.Feed.Script(assetId, Clock.GetUtcNow(), price);

    /// <inheritdoc />
    public override void SetClosePrice(string assetId, decimal price, DateTimeOffset expiry) => _simulator.Feed.Script(assetId, expiry, price);

    /// <inheritdoc />
    public override async Task SyncAsync() => await _client.GetCandlesAsync(TradeAssetId, TimeSpan.FromMinutes(1), 1).WithSafetyNet(Net);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync().AsTask().WithSafetyNet(Net);
        await _simulator.DisposeAsync().AsTask().WithSafetyNet(Net);
    }

    // Completes when the client has written 42["subfor","ASSET"].
    private sealed class SubscriptionsSent : ClientMiddleware<PocketOptionState>
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _subscribed = new(StringComparer.Ordinal);

        public Task WhenSubscribed(string asset) => For(asset).Task;

        public override void OnSend(MiddlewareContext<PocketOptionState> context, in OutgoingMessage message)
        {
            if (!message.IsText)
            {
                return;
            }

            var text = Encoding.UTF8.GetString(message.Content.Span);
            const string prefix = "42[\"subfor\",\"";
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith("\"]", StringComparison.Ordinal))
            {
                For(text[prefix.Length..^2]).TrySetResult();
            }
        }

        private TaskCompletionSource For(string asset) => _subscribed.GetOrAdd(asset, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
