using System.Globalization;
using System.Text.Json;
using Protocol.PocketOption.Simulator.Tests.Wire;
using Protocol.Testing;
using Protocol.Testing.Time;

namespace Protocol.PocketOption.Simulator.Tests.Trading;

public sealed class PendingOrderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static Task<(PocketOptionSimulator Sim, TimerCountingTimeProvider Clock)> StartAsync(decimal demoBalance = 50_000m)
        => TestSimulator.StartAsync(Noon, demoBalance, TestSimulator.HourlyPings);

    // As the reference client sends it: amount and openPrice as JSON strings (rust_decimal's serde).
    private static string ByTime(DateTimeOffset openTime, string amount = "\"10\"", string asset = "EURUSD_otc", int timeframe = 60, int minPayout = 80, int command = 0)
        => $$"""{"openType":0,"amount":{{amount}},"asset":"{{asset}}","openTime":"{{openTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}}","openPrice":"0","timeframe":{{timeframe}},"minPayout":{{minPayout}},"command":{{command}}}""";

    private static string ByPrice(decimal openPrice, int command = 0, int timeframe = 60)
        => $$"""{"openType":1,"amount":"10","asset":"EURUSD_otc","openTime":"","openPrice":"{{openPrice.ToString(CultureInfo.InvariantCulture)}}","timeframe":{{timeframe}},"minPayout":0,"command":{{command}}}""";

    private static async Task<decimal> BalanceAsync(SimulatorClient client)
    {
        await client.EmitAsync("getBalance");
        var answer = await client.NextAsync();
        answer.Name.ShouldBe("successupdateBalance", "nothing else was due before the balance");
        return answer.Body.GetProperty("balance").GetDecimal();
    }

    private static async Task<string> PlaceAsync(SimulatorClient client, string order)
    {
        await client.EmitAsync("openPendingOrder", order);
        var placed = await client.NextAsync();
        placed.Name.ShouldBe("successopenPendingOrder");
        return placed.Body.GetProperty("ticket").GetString()!;
    }

    [Fact]
    public async Task An_order_by_time_is_answered_with_a_PendingOrder_debits_nothing_then_opens_at_openTime_and_settles()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);
        sim.Feed.Script("EURUSD_otc", Noon.AddSeconds(30), 1.08500m);
        sim.Feed.Script("EURUSD_otc", Noon.AddSeconds(90), 1.08510m);

        await client.EmitAsync("openPendingOrder", ByTime(Noon.AddSeconds(30)));

        var placed = await client.NextAsync();
        placed.Name.ShouldBe("successopenPendingOrder");
        var order = placed.Body;
        Guid.TryParse(order.GetProperty("ticket").GetString(), out var _).ShouldBeTrue();
        order.GetProperty("openType").GetInt32().ShouldBe(0);
        order.GetProperty("amount").GetDecimal().ShouldBe(10m);
        order.GetProperty("symbol").GetString().ShouldBe("EURUSD_otc");
        order.GetProperty("openTime").GetString().ShouldBe("2026-12-01 12:00:30");
        order.GetProperty("timeframe").GetInt32().ShouldBe(60);
        order.GetProperty("minPayout").GetInt32().ShouldBe(80);
        order.GetProperty("command").GetInt32().ShouldBe(0);
        order.GetProperty("dateCreated").GetString().ShouldBe("2026-12-01 12:00:00");
        order.GetProperty("id").GetInt64().ShouldBe(1);
        (await BalanceAsync(client)).ShouldBe(50_000m, "a pending order debits nothing until it opens");
        sim.PendingOrderCount.ShouldBe(1);

        clock.Advance(TimeSpan.FromSeconds(29.999));
        (await BalanceAsync(client)).ShouldBe(50_000m, "nothing opens before openTime");

        clock.Advance(TimeSpan.FromMilliseconds(1));

        var opened = await client.NextAsync();
        opened.Name.ShouldBe("successopenOrder");
        var deal = opened.Body;
        deal.GetProperty("openPrice").GetDecimal().ShouldBe(1.08500m);
        deal.GetProperty("openTime").GetString().ShouldBe("2026-12-01 12:00:30");
        deal.GetProperty("closeTime").GetString().ShouldBe("2026-12-01 12:01:30");
        deal.GetProperty("amount").GetDecimal().ShouldBe(10m);
        deal.TryGetProperty("requestId", out var _).ShouldBeFalse("a triggered pending order has no request id");
        (await client.NextAsync()).Name.ShouldBe("updateOpenedDeals");
        (await client.NextAsync()).Body.GetProperty("balance").GetDecimal().ShouldBe(49_990m);
        sim.PendingOrderCount.ShouldBe(0);
        sim.OpenOrderCount.ShouldBe(1);

        clock.Advance(TimeSpan.FromSeconds(60));

        var closed = await client.NextEventAsync("successcloseOrder");
        closed.Body.GetProperty("profit").GetDecimal().ShouldBe(9.20m);
        (await client.NextEventAsync("successupdateBalance")).Body.GetProperty("balance").GetDecimal().ShouldBe(50_009.20m);
    }

    [Theory]
    [InlineData(0.01)]   // placed below the order's price: opens when the feed rises to it
    [InlineData(-0.01)]  // placed above: opens when the feed falls to it
    public async Task An_order_by_price_opens_at_the_first_tick_that_reaches_openPrice_even_when_the_clock_jumps_past_it(double distance)
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);
        var openPrice = sim.Feed.PriceAt("EURUSD_otc", Noon) + (decimal)distance;
        var reached = openPrice + (distance > 0 ? 0.00002m : -0.00002m);
        sim.Feed.Script("EURUSD_otc", Noon.AddSeconds(5), reached);
        sim.Feed.Script("EURUSD_otc", Noon.AddSeconds(65), reached + 0.001m);

        await PlaceAsync(client, ByPrice(openPrice, command: 0));
        clock.Advance(TimeSpan.FromSeconds(4.5));
        (await BalanceAsync(client)).ShouldBe(50_000m, "the feed has not reached openPrice yet");

        clock.Advance(TimeSpan.FromSeconds(10));

        var deal = (await client.NextEventAsync("successopenOrder")).Body;
        deal.GetProperty("openPrice").GetDecimal().ShouldBe(reached);
        deal.GetProperty("openTime").GetString().ShouldBe("2026-12-01 12:00:05", "the deal opens at the crossing tick, not when the clock was read");
        (await client.NextEventAsync("successupdateBalance")).Body.GetProperty("balance").GetDecimal().ShouldBe(49_990m);

        clock.Advance(TimeSpan.FromSeconds(50.5));
        (await client.NextEventAsync("successcloseOrder")).Body.GetProperty("profit").GetDecimal().ShouldBe(9.20m);
    }

    [Theory]
    [InlineData("NOPE_otc", 60, 0, 30, "The asset is not found.")]
    [InlineData("NZDJPY_otc", 60, 0, 30, "The asset is not active now.")]
    [InlineData("EURUSD_otc", 7, 0, 30, "The expiration time 7 s is not allowed for EURUSD_otc.")]
    [InlineData("EURUSD_otc", 60, 95, 30, "The payout of EURUSD_otc (92 %) is under minPayout (95 %).")]
    [InlineData("EURUSD_otc", 60, 0, 0, "The open time is not in the future.")]
    public async Task A_refused_pending_order_gets_failopenPendingOrder_with_the_reason_amount_and_asset(string asset, int timeframe, int minPayout, int inSeconds, string error)
    {
        var (sim, _) = await StartAsync();
        await using var __ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);

        await client.EmitAsync("openPendingOrder", ByTime(Noon.AddSeconds(inSeconds), asset: asset, timeframe: timeframe, minPayout: minPayout));

        var failed = await client.NextAsync();
        failed.Name.ShouldBe("failopenPendingOrder");
        failed.Body.GetProperty("error").GetString().ShouldBe(error);
        failed.Body.GetProperty("amount").GetDecimal().ShouldBe(10m);
        failed.Body.GetProperty("asset").GetString().ShouldBe(asset);
        sim.PendingOrderCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_pending_order_over_the_balance_or_unreadable_is_refused()
    {
        var (sim, _) = await StartAsync(demoBalance: 5m);
        await using var __ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);

        await client.EmitAsync("openPendingOrder", ByTime(Noon.AddSeconds(30)));
        (await client.NextEventAsync("failopenPendingOrder")).Body.GetProperty("error").GetString().ShouldBe("Not enough money on the balance.");

        await client.EmitAsync("openPendingOrder", """{"openType":2,"amount":"1","asset":"EURUSD_otc","timeframe":60,"command":0}""");
        var unreadable = (await client.NextEventAsync("failopenPendingOrder")).Body;
        unreadable.GetProperty("error").GetString()!.ShouldContain("openType (0 by time, 1 by price)");
        unreadable.GetProperty("amount").GetDecimal().ShouldBe(1m);
        sim.PendingOrderCount.ShouldBe(0);
    }

    [Fact]
    public async Task Cancelled_orders_never_open_and_a_ticket_cancels_once_and_only_for_its_account()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);
        await using var other = await SimulatorClient.LoginAsync(sim, SimulatorClient.DemoAuth.Replace("4242", "777", StringComparison.Ordinal));
        var first = await PlaceAsync(client, ByTime(Noon.AddSeconds(30)));
        var second = await PlaceAsync(client, ByPrice(sim.Feed.PriceAt("EURUSD_otc", Noon) + 1m));

        await other.EmitAsync("cancelPendingOrder", $$"""{"ticket":"{{first}}"}""");
        var foreign = await other.NextAsync();
        foreign.Name.ShouldBe("failcancelPendingOrder");
        foreign.IsTwoStep.ShouldBeFalse();
        foreign.Arg(0).GetProperty("error").GetString().ShouldBe("The ticket is not a pending order of this account.");

        await client.EmitAsync("cancelPendingOrder", $$"""{"ticket":"{{first}}"}""");
        var cancelled = await client.NextAsync();
        cancelled.Frame.ShouldBe($$"""42["successcancelPendingOrder",{"ticket":"{{first}}"}]""", "the cancel answers come one-step");

        await client.EmitAsync("cancelPendingOrder", $$"""{"ticket":"{{first}}"}""");
        var again = await client.NextAsync();
        again.Name.ShouldBe("failcancelPendingOrder");
        again.Arg(0).GetProperty("ticket").GetString().ShouldBe(first);

        await client.EmitAsync("cancelPendingOrders", $$"""{"tickets":["{{second}}","{{Guid.NewGuid()}}"]}""");
        var many = await client.NextAsync();
        many.Name.ShouldBe("successcancelPendingOrders");
        many.Arg(0).GetProperty("cancelled").EnumerateArray().Select(t => t.GetString()).ShouldBe([second]);

        await client.EmitAsync("cancelPendingOrders", $$"""{"tickets":["{{second}}"]}""");
        (await client.NextAsync()).Name.ShouldBe("failcancelPendingOrders");
        sim.PendingOrderCount.ShouldBe(0);

        clock.Advance(TimeSpan.FromSeconds(60));
        (await BalanceAsync(client)).ShouldBe(50_000m, "a cancelled order never opens");
        sim.OpenOrderCount.ShouldBe(0);
    }

    [Fact]
    public async Task An_order_the_balance_no_longer_covers_when_it_triggers_is_refused_with_failopenOrder()
    {
        var (sim, clock) = await StartAsync(demoBalance: 100m);
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);
        await PlaceAsync(client, ByTime(Noon.AddSeconds(30), amount: "80"));
        await client.EmitAsync("openOrder", """{"asset":"EURUSD_otc","action":"put","amount":50,"isDemo":1,"optionType":100,"requestId":"r","time":60}""");
        await client.NextEventAsync("successupdateBalance");

        clock.Advance(TimeSpan.FromSeconds(30));

        var failed = (await client.NextEventAsync("failopenOrder")).Body;
        failed.GetProperty("error").GetString().ShouldBe("Not enough money on the balance.");
        failed.GetProperty("amount").GetDecimal().ShouldBe(80m);
        (await BalanceAsync(client)).ShouldBe(50m);
        sim.OpenOrderCount.ShouldBe(1);
    }

    [Fact]
    public async Task Disposing_the_simulator_stops_the_pending_orders_timers()
    {
        var (sim, clock) = await StartAsync();
        await using (var client = await SimulatorClient.LoginAsync(sim))
        {
            await PlaceAsync(client, ByTime(Noon.AddSeconds(30)));
            await PlaceAsync(client, ByPrice(sim.Feed.PriceAt("EURUSD_otc", Noon) + 1m));
        }

        sim.PendingOrderCount.ShouldBe(2);
        await sim.DisposeAsync();

        sim.PendingOrderCount.ShouldBe(0);
        await clock.WaitForActiveTimersAsync(0, SafetyNet.NetworkLimit);
    }
}
