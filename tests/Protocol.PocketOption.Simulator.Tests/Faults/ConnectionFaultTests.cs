using Protocol.PocketOption.Simulator.Connections;
using Protocol.PocketOption.Simulator.Tests.Wire;
using Protocol.Testing;
using Protocol.Testing.Time;

namespace Protocol.PocketOption.Simulator.Tests.Faults;

public sealed class ConnectionFaultTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string OtherAccount = SimulatorClient.DemoAuth.Replace("4242", "777", StringComparison.Ordinal);

    private static Task<(PocketOptionSimulator Sim, TimerCountingTimeProvider Clock)> StartAsync(TimeSpan? pingInterval = null)
        => TestSimulator.StartAsync(Noon, pingInterval: pingInterval ?? TestSimulator.HourlyPings);

    private static SimulatorConnection ConnectionOf(PocketOptionSimulator sim, SimulatorClient client)
        => sim.Connections.Single(c => c.Id == client.SocketId);

    private static async Task<decimal> BalanceAsync(SimulatorClient client)
    {
        await client.EmitAsync("getBalance");
        var answer = await client.NextAsync();
        answer.Name.ShouldBe("successupdateBalance", "nothing else was due before the balance");
        return answer.Body.GetProperty("balance").GetDecimal();
    }

    [Fact]
    public async Task Connections_lists_each_client_from_its_connect_with_its_login_and_forgets_it_when_it_leaves()
    {
        var (sim, _) = await StartAsync();
        await using var __ = sim;
        var opened = new List<SimulatorConnection>();
        sim.ConnectionOpened += c =>
        {
            lock (opened)
            {
                opened.Add(c);
            }
        };

        var client = await SimulatorClient.ConnectAsync(sim);
        var connection = ConnectionOf(sim, client);
        opened.ShouldBe([connection]);
        connection.IsLoggedIn.ShouldBeFalse();
        connection.Uid.ShouldBeNull();
        connection.IsDemo.ShouldBeNull();
        connection.IsAnswering.ShouldBeTrue();
        connection.ToString().ShouldNotContain("4242");

        await client.EmitAsync("auth", SimulatorClient.DemoAuth);
        await client.NextEventAsync("updateClosedDeals");
        connection.IsLoggedIn.ShouldBeTrue();
        connection.Uid.ShouldBe(4242);
        connection.IsDemo.ShouldBe(true);

        await client.DisposeAsync();
        await connection.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
        connection.IsConnected.ShouldBeFalse();
        sim.Connections.ShouldBeEmpty();
    }

    [Fact]
    public async Task RejectAuth_and_OneStep_on_one_connection_leave_the_others_alone()
    {
        var (sim, _) = await StartAsync();
        await using var __ = sim;
        var first = true;
        sim.ConnectionOpened += c =>
        {
            // The first client of the run is refused, as a bot's expired session would be.
            c.Faults.RejectAuth = first;
            first = false;
        };

        await using var refused = await SimulatorClient.ConnectAsync(sim);
        await refused.EmitAsync("auth", SimulatorClient.DemoAuth);
        (await refused.NextAsync()).Name.ShouldBe("NotAuthorized");
        await refused.NamespaceLeft.WithSafetyNet(SafetyNet.NetworkLimit);

        await using var accepted = await SimulatorClient.LoginAsync(sim);
        await using var plain = await SimulatorClient.LoginAsync(sim, OtherAccount);
        ConnectionOf(sim, plain).Faults.OneStep = true;
        await accepted.EmitAsync("getBalance");
        (await accepted.NextAsync()).IsTwoStep.ShouldBeTrue();
        await plain.EmitAsync("getBalance");
        var oneStep = await plain.NextAsync();
        oneStep.Attachments.ShouldBeEmpty();
        oneStep.Arg(0).GetProperty("balance").GetDecimal().ShouldBe(50_000m);
    }

    [Fact]
    public async Task DisconnectAsync_sends_that_client_a_namespace_disconnect_and_no_one_else()
    {
        var (sim, _) = await StartAsync();
        await using var __ = sim;
        await using var dropped = await SimulatorClient.LoginAsync(sim);
        await using var kept = await SimulatorClient.LoginAsync(sim, OtherAccount);

        await ConnectionOf(sim, dropped).DisconnectAsync().WithSafetyNet(SafetyNet.NetworkLimit);

        await dropped.NamespaceLeft.WithSafetyNet(SafetyNet.NetworkLimit);
        (await BalanceAsync(kept)).ShouldBe(50_000m);
        kept.NamespaceLeft.IsCompleted.ShouldBeFalse();
        dropped.Closed.IsCompleted.ShouldBeFalse("a namespace DISCONNECT leaves the connection open");
    }

    [Fact]
    public async Task CloseAsync_ends_the_connection_with_41_and_a_close_frame_and_Abort_without_either()
    {
        var (sim, _) = await StartAsync();
        await using var __ = sim;
        await using var closed = await SimulatorClient.LoginAsync(sim);
        await using var aborted = await SimulatorClient.LoginAsync(sim, OtherAccount);
        var abortedConnection = ConnectionOf(sim, aborted);

        await ConnectionOf(sim, closed).CloseAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        abortedConnection.Abort();

        await closed.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
        closed.NamespaceLeft.IsCompleted.ShouldBeTrue("the clean close says 41 first");
        closed.SawCloseFrame.ShouldBeTrue();
        await aborted.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
        aborted.SawCloseFrame.ShouldBeFalse("an abort ends the connection without a close frame");
        aborted.NamespaceLeft.IsCompleted.ShouldBeFalse("an abort says nothing first");
        await abortedConnection.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
        sim.Connections.Select(c => c.Id).ShouldNotContain(aborted.SocketId);
    }

    [Fact]
    public async Task StopAnswering_makes_the_connection_half_open_no_pings_no_answers_no_timeout_and_no_answer_to_a_close()
    {
        // Socket.io's heartbeats: a ping every 25 s, 20 s for the pong.
        var (sim, clock) = await StartAsync(TimeSpan.FromSeconds(25));
        await using var __ = sim;
        await using var healthy = await SimulatorClient.LoginAsync(sim);
        await using var stalled = await SimulatorClient.LoginAsync(sim, OtherAccount);
        var connection = ConnectionOf(sim, stalled);

        connection.StopAnswering();
        connection.IsAnswering.ShouldBeFalse();
        await stalled.EmitAsync("getBalance");
        await stalled.EmitAsync("subfor", "\"EURUSD_otc\"");

        clock.Advance(TimeSpan.FromSeconds(25));
        await healthy.NextPingAsync();

        // The healthy client's balance answer proves its pong was read; the stalled one's ping timeout would fire next.
        (await BalanceAsync(healthy)).ShouldBe(50_000m);
        clock.Advance(TimeSpan.FromSeconds(21));
        (await BalanceAsync(healthy)).ShouldBe(50_000m);
        sim.SessionCount.ShouldBe(2, "a half-open server does not time its client out either");
        stalled.Closed.IsCompleted.ShouldBeFalse();

        await stalled.CloseAsync();

        stalled.SawCloseFrame.ShouldBeFalse("a half-open server never answers the client's close");
        stalled.PingCount.ShouldBe(0, "no ping reached the stalled client");
        stalled.Drain().ShouldBeEmpty("no answer and no tick reached the stalled client");
        await connection.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
    }

    [Fact]
    public async Task StopAnsweringAll_and_AbortAll_reach_every_connection()
    {
        var (sim, _) = await StartAsync();
        await using var __ = sim;
        await using var first = await SimulatorClient.LoginAsync(sim);
        await using var second = await SimulatorClient.LoginAsync(sim, OtherAccount);

        sim.StopAnsweringAll();
        sim.Connections.ShouldAllBe(c => !c.IsAnswering);
        var connections = sim.Connections.ToList();
        sim.AbortAll();

        foreach (var client in new[] { first, second })
        {
            await client.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
            client.SawCloseFrame.ShouldBeFalse();
        }

        // The server's side of each session ends on its own loop, a moment after the client sees the abort.
        foreach (var connection in connections)
        {
            await connection.Closed.WithSafetyNet(SafetyNet.NetworkLimit);
        }

        sim.Connections.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReplyDelay_holds_each_answer_for_the_delay_on_the_clock_per_connection_or_for_all()
    {
        var (sim, clock) = await StartAsync();
        await using var __ = sim;
        await using var slow = await SimulatorClient.LoginAsync(sim);
        await using var fast = await SimulatorClient.LoginAsync(sim, OtherAccount);
        ConnectionOf(sim, slow).Faults.ReplyDelay = TimeSpan.FromSeconds(2);
        var timers = clock.ActiveTimerCount;

        await slow.EmitAsync("getBalance");
        await clock.WaitForActiveTimersAsync(timers + 1, SafetyNet.NetworkLimit);
        (await BalanceAsync(fast)).ShouldBe(50_000m, "the other connection answers at once");
        clock.Advance(TimeSpan.FromSeconds(1.999));
        clock.ActiveTimerCount.ShouldBe(timers + 1, "the answer still waits");
        slow.Drain().ShouldBeEmpty();

        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await slow.NextAsync()).Name.ShouldBe("successupdateBalance");

        sim.Faults.ReplyDelay = TimeSpan.FromSeconds(1);
        await fast.EmitAsync("getBalance");
        await clock.WaitForActiveTimersAsync(timers + 1, SafetyNet.NetworkLimit);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await fast.NextAsync()).Name.ShouldBe("successupdateBalance", "the simulator's delay applies to every connection");
        Should.Throw<ArgumentOutOfRangeException>(() => sim.Faults.ReplyDelay = TimeSpan.FromSeconds(-1));
    }

    [Fact]
    public async Task Protocol_drift_sends_an_unknown_event_every_interval_and_unknown_fields_in_known_payloads()
    {
        var (sim, clock) = await StartAsync();
        await using var __ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);
        var connection = ConnectionOf(sim, client);

        connection.Faults.UnknownEventInterval = TimeSpan.FromSeconds(10);
        clock.Advance(TimeSpan.FromSeconds(10));
        var drift = await client.NextAsync();
        drift.Name.ShouldBe("simulatorDrift");
        drift.Body.GetProperty("seq").GetInt64().ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(10));
        (await client.NextAsync()).Body.GetProperty("seq").GetInt64().ShouldBe(2);
        connection.Faults.UnknownEventInterval = null;
        clock.Advance(TimeSpan.FromSeconds(10));
        (await BalanceAsync(client)).ShouldBe(50_000m, "no drift event after the switch is off");

        sim.Faults.UnknownFields = true;
        await client.EmitAsync("getBalance");
        var balance = (await client.NextAsync()).Body;
        balance.GetProperty("simulatorDrift").GetInt32().ShouldBe(1);
        balance.GetProperty("balance").GetDecimal().ShouldBe(50_000m, "the known fields stay as they were");
        await client.EmitAsync("openOrder", """{"asset":"EURUSD_otc","action":"call","amount":1,"isDemo":1,"optionType":100,"requestId":"r-1","time":60}""");
        var deal = (await client.NextEventAsync("successopenOrder")).Body;
        deal.GetProperty("simulatorDrift").GetInt32().ShouldBe(1);
        deal.GetProperty("requestId").GetString().ShouldBe("r-1");
        deal.GetProperty("openPrice").GetDecimal().ShouldBe(sim.Feed.PriceAt("EURUSD_otc", Noon.AddSeconds(30)));
    }
}
