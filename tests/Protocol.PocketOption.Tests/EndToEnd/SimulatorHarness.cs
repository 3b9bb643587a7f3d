using Protocol.PocketOption.Simulator;
using Protocol.PocketOption.Tests.Session;
using Protocol.Testing;
using Protocol.Testing.Logging;
using Protocol.Testing.Time;

namespace Protocol.PocketOption.Tests.EndToEnd;

// The simulator on 127.0.0.1 and a PocketOptionClient on the real Socket.IO transport, both on one fake clock; every wait has a
// real-time safety net.
internal sealed class SimulatorHarness : IAsyncDisposable
{
    private SimulatorHarness(PocketOptionSimulator simulator, TimerCountingTimeProvider clock, Action<ClientOptions>? configureClient, FrameRecorder? recorder)
    {
        Simulator = simulator;
        Clock = clock;
        Client = PocketOptionClient.Create(SsidSamples.DemoFrame, new PocketOptionOptions
        {
            Endpoint = simulator.Endpoint,
            TimeProvider = clock,
            LoggerFactory = Logs,
            RequestTimeout = TimeSpan.FromSeconds(10),
            ConfigureBuilder = b =>
            {
                b.AddMiddleware(Sent);
                if (recorder is not null)
                {
                    b.RecordFrames(recorder);
                }
            },
            ConfigureClient = configureClient,
        });
    }

    public PocketOptionSimulator Simulator { get; }

    public TimerCountingTimeProvider Clock { get; }

    public CapturingLoggerFactory Logs { get; } = new();

    public PocketOptionClient Client { get; }

    /// <summary>Every frame the client handed to its transport (to count what was sent, e.g. orders).</summary>
    public SentFrames Sent { get; } = new();

    public static async Task<SimulatorHarness> StartAsync(DateTimeOffset start, Action<PocketOptionSimulator>? configure = null, Action<ClientOptions>? configureClient = null, FrameRecorder? recorder = null)
    {
        var clock = new TimerCountingTimeProvider(start);
        var simulator = await PocketOptionSimulator.StartAsync(new PocketOptionSimulatorOptions { TimeProvider = clock }).WithSafetyNet(TimeSpan.FromSeconds(20));
        configure?.Invoke(simulator);
        return new SimulatorHarness(simulator, clock, configureClient, recorder);
    }

    private long _syncIndex = 1_000_000_000;

    // The simulator handles a session's events in order: once a history request of our own index is answered, everything the
    // client sent before it (subfor included, whose ticker starts on the clock as it is then) was handled, so the clock may move.
    // (A balance would not do: the login's own getBalance may still be on its way back.)
    public async Task SyncAsync()
    {
        var request = new Protocol.PocketOption.Wire.LoadHistoryPeriod
        {
            Asset = "EURUSD_otc",
            Period = 60,
            Time = Clock.GetUtcNow().ToUnixTimeSeconds(),
            Index = Interlocked.Increment(ref _syncIndex),
            Offset = 60,
        };
        var answer = await Client.Client.GetApi<Protocol.PocketOption.Market.MarketApi>().LoadHistoryAsync(request, TimeSpan.FromSeconds(30))
            .WithSafetyNet(TimeSpan.FromSeconds(20));
        answer.Index.ShouldBe(request.Index);
    }

    // Moves the shared clock in tick-sized steps, so the simulator's ticker fires at every step as it would in real time.
    public void Advance(TimeSpan total, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += step)
        {
            Clock.Advance(step);
        }
    }

    // Reads balances from a subscription until the expected one arrives (a wrong final balance fails by the safety net).
    public static async Task ReadBalanceUntilAsync(IAsyncEnumerator<Protocol.PocketOption.Wire.BalanceUpdate> balances, decimal expected)
    {
        while (true)
        {
            (await balances.MoveNextAsync().AsTask().WithSafetyNet(TimeSpan.FromSeconds(20))).ShouldBeTrue();
            if (balances.Current.Balance == expected)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Simulator.DisposeAsync();
        Logs.Dispose();
    }
}
