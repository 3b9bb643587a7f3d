using System.Text.Json;
using Protocol.PocketOption.Simulator.Tests.Wire;
using Protocol.Testing;
using Protocol.Testing.Time;

namespace Protocol.PocketOption.Simulator.Tests.Trading;

public sealed class TradingTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, 250, TimeSpan.Zero);

    private static Task<(PocketOptionSimulator Sim, TimerCountingTimeProvider Clock)> StartAsync(decimal demoBalance = 50_000m)
        => TestSimulator.StartAsync(Noon, demoBalance, TestSimulator.HourlyPings);

    private static string Order(string action, decimal amount, string asset = "EURUSD_otc", int time = 60, string requestId = "\"5f0c8d7e-0000-4000-8000-000000000001\"")
        => $$"""{"asset":"{{asset}}","action":"{{action}}","amount":{{amount}},"isDemo":1,"optionType":100,"requestId":{{requestId}},"time":{{time}}}""";

    private static async Task<decimal> BalanceAsync(SimulatorClient client)
    {
        await client.EmitAsync("getBalance");
        return (await client.NextEventAsync("successupdateBalance")).Body.GetProperty("balance").GetDecimal();
    }

    [Theory]
    [InlineData("call", 1.08500, 1.08510, 9.20, 50_009.20)]   // call, close above: win, amount × 92 %
    [InlineData("put", 1.08500, 1.08490, 9.20, 50_009.20)]    // put, close below: win
    [InlineData("call", 1.08500, 1.08490, -10, 49_990)]       // call, close below: loss
    [InlineData("put", 1.08500, 1.08510, -10, 49_990)]        // put, close above: loss
    [InlineData("call", 1.08500, 1.08500, 0, 50_000)]         // equal: a draw refunds the amount
    [InlineData("put", 1.08500, 1.08500, 0, 50_000)]
    public async Task An_order_opens_at_the_feeds_price_and_settles_at_expiry_on_the_fake_clock(string action, double open, double close, double profit, double balanceAfter)
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);
        sim.Feed.Script("EURUSD_otc", Noon, (decimal)open);
        sim.Feed.Script("EURUSD_otc", Noon.AddSeconds(60), (decimal)close);

        await client.EmitAsync("openOrder", Order(action, 10));

        var opened = await client.NextAsync();
        opened.Name.ShouldBe("successopenOrder");
        var deal = opened.Body;
        deal.GetProperty("requestId").GetString().ShouldBe("5f0c8d7e-0000-4000-8000-000000000001");
        deal.GetProperty("asset").GetString().ShouldBe("EURUSD_otc");
        deal.GetProperty("amount").GetDecimal().ShouldBe(10m);
        deal.GetProperty("openPrice").GetDecimal().ShouldBe((decimal)open);
        deal.GetProperty("command").GetInt32().ShouldBe(action == "call" ? 0 : 1);
        deal.GetProperty("percentProfit").GetInt32().ShouldBe(92);
        deal.GetProperty("isDemo").GetInt32().ShouldBe(1);
        deal.GetProperty("uid").GetInt64().ShouldBe(4242);
        deal.GetProperty("optionType").GetInt32().ShouldBe(100);
        deal.GetProperty("openTime").GetString().ShouldBe("2026-12-01 12:00:00");
        deal.GetProperty("closeTime").GetString().ShouldBe("2026-12-01 12:01:00");
        deal.GetProperty("openTimestamp").GetInt64().ShouldBe(Noon.ToUnixTimeSeconds());
        deal.GetProperty("closeTimestamp").GetInt64().ShouldBe(Noon.AddSeconds(60).ToUnixTimeSeconds());
        deal.GetProperty("openMs").GetInt32().ShouldBe(250);
        var id = deal.GetProperty("id").GetString();
        Guid.TryParse(id, out var _).ShouldBeTrue();

        var openDeals = await client.NextAsync();
        openDeals.Name.ShouldBe("updateOpenedDeals");
        openDeals.Body.EnumerateArray().Select(d => d.GetProperty("id").GetString()).ShouldBe([id]);
        (await client.NextAsync()).Body.GetProperty("balance").GetDecimal().ShouldBe(49_990m, "the amount is debited at open");
        sim.OpenOrderCount.ShouldBe(1);

        clock.Advance(TimeSpan.FromSeconds(59.999));
        (await BalanceAsync(client)).ShouldBe(49_990m, "nothing settles before the expiry");

        clock.Advance(TimeSpan.FromMilliseconds(1));

        var closed = await client.NextAsync();
        closed.Name.ShouldBe("successcloseOrder");
        closed.IsTwoStep.ShouldBeTrue();
        closed.Body.GetProperty("profit").GetDecimal().ShouldBe((decimal)profit);
        var closedDeal = closed.Body.GetProperty("deals").EnumerateArray().Single();
        closedDeal.GetProperty("id").GetString().ShouldBe(id);
        closedDeal.GetProperty("closePrice").GetDecimal().ShouldBe((decimal)close);
        closedDeal.GetProperty("profit").GetDecimal().ShouldBe((decimal)profit);
        closedDeal.GetProperty("requestId").GetString().ShouldBe("5f0c8d7e-0000-4000-8000-000000000001");

        var closedList = await client.NextAsync();
        closedList.Name.ShouldBe("updateClosedDeals");
        closedList.Body.EnumerateArray().Select(d => d.GetProperty("id").GetString()).ShouldBe([id]);

        var balance = await client.NextAsync();
        balance.Name.ShouldBe("successupdateBalance");
        balance.Body.GetProperty("balance").GetDecimal().ShouldBe((decimal)balanceAfter);
        sim.OpenOrderCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_close_price_is_the_feeds_unscripted_price_at_open_plus_expiry()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);

        await client.EmitAsync("openOrder", Order("call", 3, asset: "AAPL_otc", time: 5, requestId: "42"));
        var deal = (await client.NextEventAsync("successopenOrder")).Body;
        deal.GetProperty("requestId").GetInt32().ShouldBe(42, "a numeric requestId (the 2025 client's) is echoed as a number");
        deal.GetProperty("openPrice").GetDecimal().ShouldBe(sim.Feed.PriceAt("AAPL_otc", Noon));

        clock.Advance(TimeSpan.FromSeconds(5));

        var closed = (await client.NextEventAsync("successcloseOrder")).Body.GetProperty("deals")[0];
        var open = sim.Feed.PriceAt("AAPL_otc", Noon);
        var close = sim.Feed.PriceAt("AAPL_otc", Noon.AddSeconds(5));
        closed.GetProperty("closePrice").GetDecimal().ShouldBe(close);
        closed.GetProperty("profit").GetDecimal().ShouldBe(close > open ? 2.46m : close < open ? -3m : 0m);
    }

    [Theory]
    [InlineData("EURUSD_otc", 101, 60, "Not enough money on the balance.")]
    [InlineData("NZDJPY_otc", 10, 60, "The asset is not active now.")]
    [InlineData("NOPE_otc", 10, 60, "The asset is not found.")]
    [InlineData("EURUSD_otc", 10, 7, "The expiration time 7 s is not allowed for EURUSD_otc.")]
    [InlineData("EURUSD_otc", 0, 60, "The amount must be positive.")]
    [InlineData("EURUSD_otc", -5, 60, "The amount must be positive.")]
    public async Task A_refused_order_gets_failopenOrder_with_the_amount_and_asset_and_debits_nothing(string asset, decimal amount, int time, string error)
    {
        var (sim, _) = await StartAsync(demoBalance: 100m);
        await using var __ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);

        await client.EmitAsync("openOrder", Order("call", amount, asset, time));

        var failed = await client.NextAsync();
        failed.Name.ShouldBe("failopenOrder");
        failed.IsTwoStep.ShouldBeTrue();
        failed.Body.GetProperty("error").GetString().ShouldBe(error);
        failed.Body.GetProperty("amount").GetDecimal().ShouldBe(amount);
        failed.Body.GetProperty("asset").GetString().ShouldBe(asset);
        failed.Body.TryGetProperty("requestId", out var _).ShouldBeFalse("the platform echoes no request id on failure");
        (await BalanceAsync(client)).ShouldBe(100m);
        sim.OpenOrderCount.ShouldBe(0);
    }

    [Fact]
    public async Task An_order_that_cannot_be_read_is_refused_not_ignored()
    {
        var (sim, _) = await StartAsync();
        await using var __ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);

        await client.EmitAsync("openOrder", """{"asset":"EURUSD_otc","action":"sideways","amount":1,"time":60}""");

        var failed = (await client.NextEventAsync("failopenOrder")).Body;
        failed.GetProperty("error").GetString()!.ShouldContain("action (call or put)");
        failed.GetProperty("asset").GetString().ShouldBe("EURUSD_otc");
        failed.GetProperty("amount").GetDecimal().ShouldBe(1m);
    }

    [Fact]
    public async Task The_whole_balance_can_be_staked_and_a_second_order_then_fails()
    {
        var (sim, _) = await StartAsync(demoBalance: 20m);
        await using var __ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);

        await client.EmitAsync("openOrder", Order("call", 20));
        await client.NextEventAsync("successopenOrder");
        await client.EmitAsync("openOrder", Order("put", 1));

        (await client.NextEventAsync("failopenOrder")).Body.GetProperty("error").GetString().ShouldBe("Not enough money on the balance.");
        (await BalanceAsync(client)).ShouldBe(0m);
    }

    [Fact]
    public async Task An_order_settles_while_its_client_is_away_and_disposing_the_simulator_stops_pending_settlements()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using (var client = await SimulatorClient.LoginAsync(sim))
        {
            sim.Feed.Script("EURUSD_otc", Noon, 1.1m);
            sim.Feed.Script("EURUSD_otc", Noon.AddSeconds(60), 1.2m);
            await client.EmitAsync("openOrder", Order("call", 100));
            await client.NextEventAsync("successopenOrder");
            await client.EmitAsync("openOrder", Order("call", 100, time: 120));
            await client.NextEventAsync("successopenOrder");
        }

        clock.Advance(TimeSpan.FromSeconds(60));
        sim.OpenOrderCount.ShouldBe(1);

        await using (var again = await SimulatorClient.ConnectAsync(sim))
        {
            await again.EmitAsync("auth", SimulatorClient.DemoAuth);
            (await again.NextEventAsync("successupdateBalance")).Body.GetProperty("balance").GetDecimal()
                .ShouldBe(50_000m - 200m + 192m, "the win was credited while nobody was logged in");
            var open = (await again.NextEventAsync("updateOpenedDeals")).Body.EnumerateArray().Single();
            open.GetProperty("closeTimestamp").GetInt64().ShouldBe(Noon.AddSeconds(120).ToUnixTimeSeconds());
            var settled = (await again.NextEventAsync("updateClosedDeals")).Body.EnumerateArray().Single();
            settled.GetProperty("profit").GetDecimal().ShouldBe(92m, "a login learns what settled while it was away");
            settled.GetProperty("closePrice").GetDecimal().ShouldBe(1.2m);
        }

        await sim.DisposeAsync();
        sim.OpenOrderCount.ShouldBe(0);
        await clock.WaitForActiveTimersAsync(0, SafetyNet.NetworkLimit);
    }
}
