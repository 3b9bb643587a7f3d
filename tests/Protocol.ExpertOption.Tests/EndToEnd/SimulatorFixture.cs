using Protocol.ExpertOption.Simulator;
using Protocol.Testing;
using Protocol.Testing.Logging;
using Protocol.Testing.Time;

namespace Protocol.ExpertOption.Tests.EndToEnd;

/// <summary>A simulator and a client on one fake clock.</summary>
internal sealed class SimulatorFixture : IAsyncDisposable
{
    public const string Token = "0123456789abcdef0123456789abcdef";

    private SimulatorFixture(TimerCountingTimeProvider clock, ExpertOptionSimulator simulator)
    {
        Clock = clock;
        Simulator = simulator;
    }

    public TimerCountingTimeProvider Clock { get; }

    public ExpertOptionSimulator Simulator { get; }

    public List<ExpertOptionClient> Clients { get; } = [];

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    public static async Task<SimulatorFixture> StartAsync(Action<ExpertOptionSimulatorOptions>? configure = null, DateTimeOffset? start = null)
    {
        var clock = new TimerCountingTimeProvider(start ?? Start);
        var options = new ExpertOptionSimulatorOptions { TimeProvider = clock };
        configure?.Invoke(options);
        var simulator = await ExpertOptionSimulator.StartAsync(options).WithSafetyNet(SafetyNet.NetworkLimit);
        return new SimulatorFixture(clock, simulator);
    }

    public CapturingLoggerFactory Logs { get; } = new();

    public ExpertOptionClient Client(string token = Token)
    {
        var client = ExpertOptionClient.Create(token, new ExpertOptionOptions { Endpoint = Simulator.Endpoint, TimeProvider = Clock, LoggerFactory = Logs });
        Clients.Add(client);
        return client;
    }

    public async Task<ExpertOptionClient> ConnectedClientAsync()
    {
        var client = Client();
        await client.ConnectAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        return client;
    }

    /// <summary>
    /// The server closes every session; the client's reconnect backoff runs on the fake clock. Returns once the client is
    /// Ready again (its keyed streams restored: they are replayed before Ready).
    /// </summary>
    public async Task ReconnectAsync(ExpertOptionClient client)
    {
        var reconnecting = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            if (e.Current == ConnectionState.Reconnecting)
            {
                reconnecting.TrySetResult(e.Delay);
            }
            else if (e.Current == ConnectionState.Ready && reconnecting.Task.IsCompleted)
            {
                ready.TrySetResult();
            }
        };
        await Simulator.CloseSessionsAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        Clock.Advance(await reconnecting.Task.WithSafetyNet(SafetyNet.NetworkLimit));
        await ready.Task.WithSafetyNet(SafetyNet.NetworkLimit);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            await client.DisposeAsync().AsTask().WithSafetyNet(TimeSpan.FromSeconds(10));
        }

        await Simulator.DisposeAsync().AsTask().WithSafetyNet(TimeSpan.FromSeconds(15));
    }
}
