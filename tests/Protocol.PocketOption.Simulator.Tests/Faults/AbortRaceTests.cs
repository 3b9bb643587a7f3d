using System.Net.WebSockets;
using Protocol.PocketOption.Simulator.Tests.Wire;
using Protocol.Testing;

namespace Protocol.PocketOption.Simulator.Tests.Faults;

public sealed class AbortRaceTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AbortAll_while_the_clients_close_ends_every_connection_and_throws_nothing()
    {
        var (sim, _) = await TestSimulator.StartAsync(Noon, pingInterval: TestSimulator.HourlyPings);
        await using var __ = sim;
        for (var round = 0; round < 10; round++)
        {
            var clients = new List<SimulatorClient>();
            for (var i = 0; i < 3; i++)
            {
                clients.Add(await SimulatorClient.ConnectAsync(sim));
            }

            var connections = sim.Connections.ToList();
            connections.Count.ShouldBe(3);

            // Every client closes while the simulator aborts them all, each on its own thread.
            using var start = new Barrier(clients.Count + 1);
            var closing = clients.Select(client => Task.Run(async () =>
            {
                start.SignalAndWait();
                try
                {
                    await client.CloseAsync();
                }
                catch (Exception error) when (error is WebSocketException or OperationCanceledException)
                {
                    // The abort won: the connection was already gone (the client's socket says so either way).
                }
            })).ToList();
            var aborting = Task.Run(() =>
            {
                start.SignalAndWait();
                sim.AbortAll();
            });

            await Task.WhenAll([.. closing, aborting]).WithSafetyNet(SafetyNet.NetworkLimit);
            foreach (var connection in connections)
            {
                await connection.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
                connection.IsConnected.ShouldBeFalse();
            }

            sim.Connections.ShouldBeEmpty($"round {round}");
            Should.NotThrow(sim.AbortAll, "nothing left to abort");
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
