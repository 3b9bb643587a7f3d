using Protocol.Testing;
using Protocol.Testing.Time;

namespace Protocol.PocketOption.Simulator.Tests.Wire;

// A simulator on a fake clock for one test, started with a real-time safety net.
internal static class TestSimulator
{
    // Tests that move the clock by a minute at once ask for hourly pings: a pong cannot cross the socket that fast.
    public static readonly TimeSpan HourlyPings = TimeSpan.FromHours(1);

    public static async Task<(PocketOptionSimulator Sim, TimerCountingTimeProvider Clock)> StartAsync(
        DateTimeOffset start, decimal demoBalance = 50_000m, TimeSpan? pingInterval = null)
    {
        var clock = new TimerCountingTimeProvider(start);
        var options = new PocketOptionSimulatorOptions { TimeProvider = clock, DemoBalance = demoBalance };
        if (pingInterval is { } interval)
        {
            options.PingInterval = interval;
        }

        var sim = await PocketOptionSimulator.StartAsync(options).WithSafetyNet(TimeSpan.FromSeconds(20));
        return (sim, clock);
    }
}
