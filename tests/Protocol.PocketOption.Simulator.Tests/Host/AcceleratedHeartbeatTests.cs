using Protocol.PocketOption.Simulator.Host;
using Protocol.PocketOption.Simulator.Tests.Wire;
using Protocol.Simulation.Time;
using Protocol.Testing;
using Protocol.Testing.Time;

namespace Protocol.PocketOption.Simulator.Tests.Host;

/// <summary>The host's <c>--speed N</c>: the market runs N times faster, the heartbeats keep the clients' real time.</summary>
public sealed class AcceleratedHeartbeatTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task On_a_60x_host_the_handshake_advertises_socket_io_heartbeats_and_the_pings_keep_them_in_real_time()
    {
        // The clients' real time is a fake clock here; the host's market runs 60 times faster than it.
        var realTime = new TimerCountingTimeProvider(Noon);
        var options = SimulatorHost.Options(HostArguments.Parse(["--speed", "60"]), realTime);
        await using var sim = await PocketOptionSimulator.StartAsync(options).WithSafetyNet(TimeSpan.FromSeconds(20));
        var market = sim.TimeProvider.ShouldBeOfType<AcceleratedTimeProvider>();
        await using var client = await SimulatorClient.ConnectAsync(sim);

        client.Open.GetProperty("pingInterval").GetInt64().ShouldBe(25_000, "what the client is told, in its own time");
        client.Open.GetProperty("pingTimeout").GetInt64().ShouldBe(20_000);

        // Joined: the session armed its ping timer before it read the CONNECT.
        realTime.Advance(TimeSpan.FromSeconds(25) - TimeSpan.FromMilliseconds(1));
        market.GetUtcNow().ShouldBe(Noon + (TimeSpan.FromSeconds(25) - TimeSpan.FromMilliseconds(1)) * 60, "the market ran 60 times faster meanwhile");
        client.PingCount.ShouldBe(0);
        realTime.Advance(TimeSpan.FromMilliseconds(1));
        await client.NextPingAsync();
        client.PingCount.ShouldBe(1, "the first ping comes pingInterval after the open, in real time");
    }

    [Fact]
    public async Task On_a_60x_host_a_client_that_stops_answering_is_dropped_after_pingInterval_plus_pingTimeout_of_real_time()
    {
        var realTime = new TimerCountingTimeProvider(Noon);
        var options = SimulatorHost.Options(HostArguments.Parse(["--speed", "60"]), realTime);
        await using var sim = await PocketOptionSimulator.StartAsync(options).WithSafetyNet(TimeSpan.FromSeconds(20));
        await using var client = await SimulatorClient.ConnectAsync(sim, answerPings: false);
        var connection = sim.Connections.Single();

        realTime.Advance(TimeSpan.FromSeconds(25));
        await client.NextPingAsync();
        realTime.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromMilliseconds(1));
        connection.IsConnected.ShouldBeTrue("the pong may still come within pingTimeout");
        realTime.Advance(TimeSpan.FromMilliseconds(1));

        await connection.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
        await client.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
    }
}
