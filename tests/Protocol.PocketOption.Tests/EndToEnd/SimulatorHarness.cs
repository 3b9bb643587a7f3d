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
    private SimulatorHarness(PocketOptionSimulator simulator, TimerCountingTimeProvider clock)
    {
        Simulator = simulator;
        Clock = clock;
        Client = PocketOptionClient.Create(SsidSamples.DemoFrame, new PocketOptionOptions
        {
            Endpoint = simulator.Endpoint,
            TimeProvider = clock,
            LoggerFactory = Logs,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
    }

    public PocketOptionSimulator Simulator { get; }

    public TimerCountingTimeProvider Clock { get; }

    public CapturingLoggerFactory Logs { get; } = new();

    public PocketOptionClient Client { get; }

    public static async Task<SimulatorHarness> StartAsync(DateTimeOffset start, Action<PocketOptionSimulator>? configure = null)
    {
        var clock = new TimerCountingTimeProvider(start);
        var simulator = await PocketOptionSimulator.StartAsync(new PocketOptionSimulatorOptions { TimeProvider = clock }).WithSafetyNet(TimeSpan.FromSeconds(20));
        configure?.Invoke(simulator);
        return new SimulatorHarness(simulator, clock);
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

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Simulator.DisposeAsync();
        Logs.Dispose();
    }
}
