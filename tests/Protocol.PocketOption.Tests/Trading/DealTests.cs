using System.Globalization;
using Protocol.PocketOption.Trading.Deals;
using Protocol.Testing;
using Protocol.Trading.Trades;
using static Protocol.PocketOption.Tests.Trading.TradingHarness;

namespace Protocol.PocketOption.Tests.Trading;

/// <summary>The deal book and CheckResultAsync: results from updateClosedDeals or successcloseOrder, timeouts, reconnects.</summary>
public sealed class DealTests : IAsyncDisposable
{
    private readonly TradingHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private static string List(params string[] deals) => "[" + string.Join(",", deals) + "]";

    [Theory]
    [InlineData("updateClosedDeals", false, "0.92", TradeOutcome.Win)]
    [InlineData("updateClosedDeals", true, "-1", TradeOutcome.Loss)]
    [InlineData("successcloseOrder", false, "0", TradeOutcome.Draw)]
    [InlineData("successcloseOrder", true, "0.92", TradeOutcome.Win)]
    public async Task CheckResult_waits_for_the_deal_to_close_and_returns_win_loss_or_draw_with_the_profit(string closedBy, bool twoStep, string profit, TradeOutcome outcome)
    {
        var connection = await _h.ConnectReadyAsync();
        Push(connection, "updateOpenedDeals", List(TradingSamples.Deal("deal-1", "r-1")), twoStep);
        var closed = new List<DealClosedEventArgs>();
        _h.Deals.DealClosed += (_, e) => closed.Add(e);

        var check = _h.Trading.CheckResultAsync("deal-1");
        check.IsCompleted.ShouldBeFalse();
        Push(connection, "updateClosedDeals", List(TradingSamples.Deal("other", null, profit: 5m)), twoStep);
        check.IsCompleted.ShouldBeFalse("another deal closing is not this one's result");

        var amount = decimal.Parse(profit, CultureInfo.InvariantCulture);
        var deal = TradingSamples.Deal("deal-1", "r-1", profit: amount);
        Push(connection, closedBy, closedBy == "successcloseOrder" ? "{\"profit\":" + profit + ",\"deals\":[" + deal + "]}" : List(deal), twoStep);

        (await check.WithSafetyNet()).ShouldBe(new TradeResult(outcome, amount));
        _h.Deals.TryGetOpened("deal-1", out _).ShouldBeFalse();
        _h.Deals.Closed.Select(d => d.Id).ShouldBe(["deal-1", "other"]);
        closed.Select(e => (e.Deal.Id, e.Result.Outcome)).ShouldBe([("other", TradeOutcome.Win), ("deal-1", outcome)]);
    }

    [Fact]
    public async Task CheckResult_of_a_closed_deal_answers_at_once_and_of_an_unknown_deal_throws_DealNotFound()
    {
        var connection = await _h.ConnectReadyAsync();
        connection.PushText(WireFrames.OneStep("successcloseOrder", List(TradingSamples.Deal("deal-1", null, profit: -2m))));

        (await _h.Trading.CheckResultAsync("deal-1")).ShouldBe(new TradeResult(TradeOutcome.Loss, -2m));
        var missing = await Should.ThrowAsync<DealNotFoundException>(() => _h.Trading.CheckResultAsync("nope"));
        missing.DealId.ShouldBe("nope");
        missing.Message.ShouldContain("neither open nor among the newest 1000 closed deals");
    }

    [Fact]
    public async Task CheckResult_times_out_after_the_deals_duration_plus_the_grace_period()
    {
        var connection = await _h.ConnectReadyAsync();
        connection.PushText(WireFrames.OneStep("updateOpenedDeals", List(TradingSamples.Deal("deal-1", "r-1", seconds: 60))));
        var timers = _h.Time.ActiveTimerCount;

        var check = _h.Trading.CheckResultAsync("deal-1");
        await _h.Time.WaitForActiveTimersAsync(timers + 2); // both waits are armed
        _h.Time.Advance(TimeSpan.FromSeconds(89));
        check.IsCompleted.ShouldBeFalse();
        _h.Time.Advance(TimeSpan.FromSeconds(1)); // 60 s + the default 30 s grace

        var timeout = await Should.ThrowAsync<TradeResultTimeoutException>(check.WithSafetyNet());
        (timeout.DealId, timeout.Timeout).ShouldBe(("deal-1", TimeSpan.FromSeconds(90)));
        timeout.Message.ShouldContain("It may still close");
        _h.Time.ActiveTimerCount.ShouldBe(timers, "no wait is left behind");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_deal_that_closed_while_reconnecting_resolves_from_the_updateClosedDeals_after_the_relogin(bool twoStep)
    {
        var connection = await _h.ConnectReadyAsync();
        Push(connection, "updateOpenedDeals", List(TradingSamples.Deal("deal-1", "r-1")), twoStep);
        var check = _h.Trading.CheckResultAsync("deal-1", TimeSpan.FromMinutes(10));

        var second = await _h.DropAndReloginAsync(connection);
        check.IsCompleted.ShouldBeFalse("a lost connection is waited out, not reported");
        Push(second, "updateClosedDeals", List(TradingSamples.Deal("deal-1", "r-1", profit: 0.92m)), twoStep);

        (await check.WithSafetyNet()).ShouldBe(new TradeResult(TradeOutcome.Win, 0.92m));
    }

    [Fact]
    public async Task Deals_are_upserted_by_id_and_only_the_newest_1000_closed_deals_are_kept()
    {
        var connection = await _h.ConnectReadyAsync();
        connection.PushText(WireFrames.OneStep("updateOpenedDeals", List(TradingSamples.Deal("a", "r-a", amount: 1m), TradingSamples.Deal("b", "r-b"))));
        connection.PushText(WireFrames.OneStep("updateOpenedDeals", List(TradingSamples.Deal("a", "r-a", amount: 7m))));
        _h.Deals.Opened.Count.ShouldBe(2);
        _h.Deals.TryGetOpened("a", out var a).ShouldBeTrue();
        a.Amount.ShouldBe(7m);

        var closing = Enumerable.Range(0, DealBook.ClosedCapacity + 5).Select(i => TradingSamples.Deal($"c{i}", null, profit: 1m)).ToArray();
        connection.PushText(WireFrames.OneStep("updateClosedDeals", List(closing)));
        connection.PushText(WireFrames.OneStep("updateClosedDeals", List(TradingSamples.Deal("a", "r-a", profit: -7m))));

        var kept = _h.Deals.Closed;
        kept.Count.ShouldBe(DealBook.ClosedCapacity);
        kept[0].Id.ShouldBe("a");
        kept[^1].Id.ShouldBe("c6");
        _h.Deals.TryGetClosed("c5", out _).ShouldBeFalse("the oldest closed deals were dropped");
        _h.Deals.Opened.Select(d => d.Id).ShouldBe(["b"]);
        await Should.ThrowAsync<DealNotFoundException>(() => _h.Trading.CheckResultAsync("c0"));
    }

    [Fact]
    public async Task A_handler_that_throws_does_not_stop_the_deal_from_being_recorded()
    {
        var connection = await _h.ConnectReadyAsync();
        _h.Deals.DealOpened += (_, _) => throw new InvalidOperationException("user handler bug");

        connection.PushText(WireFrames.OneStep("updateOpenedDeals", List(TradingSamples.Deal("a", "r-a"), TradingSamples.Deal("b", "r-b"))));

        _h.Deals.Opened.Select(d => d.Id).Order().ShouldBe(["a", "b"]);
    }
}
