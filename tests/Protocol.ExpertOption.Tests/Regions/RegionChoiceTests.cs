using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Protocol.ExpertOption.Regions;
using Protocol.ExpertOption.Simulator;
using Protocol.Testing;
using Protocol.Testing.Time;

// Declared inside the client's namespace, so the client and its options resolve whether they live in Protocol.ExpertOption.Client
// (this branch) or Protocol.ExpertOption (main since the eo-host merge), without a using that one of them lacks.
namespace Protocol.ExpertOption.Client.RegionTests;

// Which gateway the client connects to, on 127.0.0.1 only: the simulator as one gateway, a refused port as the other.
public sealed class RegionChoiceTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task The_gateways_are_probed_and_the_reachable_one_is_connected_to_first()
    {
        var clock = new TimerCountingTimeProvider(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
        await using var simulator = await ExpertOptionSimulator.StartAsync(new ExpertOptionSimulatorOptions { TimeProvider = clock }).WithSafetyNet(SafetyNet.NetworkLimit);
        await using var client = ExpertOptionClient.Create(Token, new ExpertOptionOptions { Regions = Gateways(simulator), TimeProvider = clock });
        var attempts = Attempts(client);

        await client.ConnectAsync().WithSafetyNet(TimeSpan.FromSeconds(15));

        attempts.ShouldBe(["SIMULATOR"]);   // the refused gateway was probed, never tried for a session
    }

    [Fact]
    public async Task A_preferred_gateway_is_tried_first_and_a_failing_one_falls_over_to_the_next()
    {
        var clock = new TimerCountingTimeProvider(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
        await using var simulator = await ExpertOptionSimulator.StartAsync(new ExpertOptionSimulatorOptions { TimeProvider = clock }).WithSafetyNet(SafetyNet.NetworkLimit);
        await using var client = ExpertOptionClient.Create(Token, new ExpertOptionOptions { Regions = Gateways(simulator), PreferredRegion = "DOWN", TimeProvider = clock });
        var attempts = Attempts(client);

        await client.ConnectAsync().WithSafetyNet(TimeSpan.FromSeconds(15));

        attempts.ShouldBe(["DOWN", "SIMULATOR"]);
    }

    [Fact]
    public void A_preferred_gateway_that_does_not_exist_is_refused_with_the_gateways()
    {
        var error = Should.Throw<ArgumentException>(() => ExpertOptionClient.Create(Token, new ExpertOptionOptions { PreferredRegion = "MARS" }));
        error.Message.ShouldContain("'MARS'");
        error.Message.ShouldContain(string.Join(", ", ExpertOptionRegions.All.Select(r => r.Name)));
        error.Message.ShouldNotContain(Token);
    }

    private static Region[] Gateways(ExpertOptionSimulator simulator)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var refused = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return
        [
            new("DOWN", $"ws://127.0.0.1:{refused}/ws/v40", 0, 0, IsDemo: false),
            new("SIMULATOR", simulator.Endpoint.ToString(), 0, 0, IsDemo: false),
        ];
    }

    // The endpoints the client opened a session on, in order (probes are not sessions: they raise no state change).
    private static ConcurrentQueue<string> Attempts(ExpertOptionClient client)
    {
        var attempts = new ConcurrentQueue<string>();
        client.StateChanged += (_, e) =>
        {
            if (e.Current == ConnectionState.Connecting && e.Endpoint is { } endpoint)
            {
                attempts.Enqueue(endpoint.Name);
            }
        };
        return attempts;
    }
}
