using Protocol.PocketOption.Trading;
using Protocol.PocketOption.Trading.Deals;
using Protocol.PocketOption.Trading.Orders;
using Protocol.Testing;
using Protocol.Trading.Trades;
using static Protocol.PocketOption.Tests.Trading.TradingHarness;

namespace Protocol.PocketOption.Tests.Trading;

/// <summary>Quick trades through <c>PocketOptionTrading</c>: the frames on the wire and what the caller sees.</summary>
public sealed class OrderTests : IAsyncDisposable
{
    private readonly TradingHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_buy_sends_one_openOrder_with_a_fresh_uuid_and_returns_the_deal_that_echoes_it(bool twoStep)
    {
        var connection = await _h.ConnectReadyAsync();
        var opened = new List<DealOpenedEventArgs>();
        _h.Deals.DealOpened += (_, e) => opened.Add(e);

        var buy = _h.Trading.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1));
        var sent = await connection.NextSentAsync();
        var requestId = Payload(sent, "openOrder").GetProperty("requestId").GetString()!;
        Guid.TryParse(requestId, out _).ShouldBeTrue();
        sent.Text.ShouldBe($$"""42["openOrder",{"asset":"EURUSD_otc","action":"call","amount":1.0,"isDemo":1,"optionType":100,"requestId":"{{requestId}}","time":60}]""");

        Push(connection, "successopenOrder", TradingSamples.Deal("someone-else", Guid.NewGuid().ToString()), twoStep);
        buy.IsCompleted.ShouldBeFalse("only the deal echoing this order's request id answers it");
        Push(connection, "successopenOrder", TradingSamples.Deal("deal-1", requestId), twoStep);

        var deal = await buy.WithSafetyNet();
        (deal.Id, deal.RequestId, deal.Direction, deal.Amount).ShouldBe(("deal-1", requestId, TradeDirection.Buy, 1m));
        _h.Deals.TryGetOpened("deal-1", out _).ShouldBeTrue("the deal is in the book when the buy returns");
        opened.Select(e => (e.Deal.Id, e.IsLateAnswer)).ShouldBe([("someone-else", false), ("deal-1", false)]);
        connection.Sent.Count.ShouldBe(2); // auth and one order
    }

    [Fact]
    public async Task A_sell_is_a_put_and_every_order_gets_its_own_request_id()
    {
        _h.Account.IsDemo = false;
        var connection = await _h.ConnectReadyAsync();

        _ = _h.Trading.SellAsync("EURUSD_otc", 12.5m, TimeSpan.FromMinutes(5));
        _ = _h.Trading.SellAsync("EURUSD_otc", 12.5m, TimeSpan.FromMinutes(5));
        var first = Payload(await connection.NextSentAsync(), "openOrder");
        var second = Payload(await connection.NextSentAsync(), "openOrder");

        first.GetProperty("action").GetString().ShouldBe("put");
        first.GetProperty("amount").GetRawText().ShouldBe("12.5");
        first.GetProperty("isDemo").GetInt32().ShouldBe(0);
        first.GetProperty("time").GetInt32().ShouldBe(300);
        first.GetProperty("requestId").GetString().ShouldNotBe(second.GetProperty("requestId").GetString());
    }

    [Theory]
    [InlineData("GBPJPY_otc", 1, 60, OrderProblem.UnknownAsset, "'GBPJPY_otc' is not in the platform's asset list")]
    [InlineData("AAPL_otc", 1, 60, OrderProblem.InactiveAsset, "'AAPL_otc' cannot be traded now")]
    [InlineData("EURUSD_otc", 1, 90, OrderProblem.ExpiryNotAllowed, "Allowed: 60 s, 120 s, 300 s")]
    [InlineData("EURUSD_otc", 0.99, 60, OrderProblem.AmountOutOfRange, "The amount 0.99 is outside the allowed 1–20000")]
    [InlineData("EURUSD_otc", 20000.01, 60, OrderProblem.AmountOutOfRange, "The amount 20000.01 is outside")]
    public async Task An_order_failing_a_check_is_refused_with_the_problem_named_and_nothing_is_sent(string asset, double amount, int seconds, OrderProblem problem, string message)
    {
        var connection = await _h.ConnectReadyAsync();

        var error = await Should.ThrowAsync<OrderCheckException>(() => _h.Trading.BuyAsync(asset, (decimal)amount, TimeSpan.FromSeconds(seconds)));

        error.Problem.ShouldBe(problem);
        error.Message.ShouldContain(message);
        error.Message.ShouldContain("nothing was sent");
        connection.Sent.Count.ShouldBe(1); // the auth frame only
    }

    [Fact]
    public async Task The_amount_limits_are_configurable_and_an_expiry_must_be_whole_seconds()
    {
        await using var h = new TradingHarness(new() { MinAmount = 5m, MaxAmount = 10m });
        var connection = await h.ConnectReadyAsync();

        (await Should.ThrowAsync<OrderCheckException>(() => h.Trading.BuyAsync("EURUSD_otc", 4m, TimeSpan.FromMinutes(1)))).Message.ShouldContain("5–10");
        (await Should.ThrowAsync<OrderCheckException>(() => h.Trading.BuyAsync("EURUSD_otc", 11m, TimeSpan.FromMinutes(1)))).Problem.ShouldBe(OrderProblem.AmountOutOfRange);
        (await Should.ThrowAsync<OrderCheckException>(() => h.Trading.BuyAsync("EURUSD_otc", 5m, TimeSpan.FromSeconds(60.5)))).Problem.ShouldBe(OrderProblem.ExpiryNotAllowed);
        connection.Sent.Count.ShouldBe(1);
        Should.Throw<ArgumentOutOfRangeException>(() => new PocketOptionTrading(h.Client, h.Account, new() { MinAmount = 0m })).Message.ShouldContain("MinAmount must be positive");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failopenOrder_rejects_the_oldest_pending_order_on_the_same_asset_and_amount_with_the_servers_reason(bool twoStep)
    {
        var connection = await _h.ConnectReadyAsync();
        var other = _h.Trading.BuyAsync("EURUSD_otc", 2m, TimeSpan.FromMinutes(1));
        var oldest = _h.Trading.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1));
        var newer = _h.Trading.SellAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1));
        await connection.NextSentAsync();
        var oldestId = Payload(await connection.NextSentAsync(), "openOrder").GetProperty("requestId").GetString();
        var newerId = Payload(await connection.NextSentAsync(), "openOrder").GetProperty("requestId").GetString()!;

        Push(connection, "failopenOrder", """{"error":"Not enough money","amount":1,"asset":"EURUSD_otc"}""", twoStep);

        var rejected = await Should.ThrowAsync<OrderRejectedException>(oldest.WithSafetyNet());
        (rejected.Reason, rejected.Asset, rejected.Amount, rejected.RequestId).ShouldBe(("Not enough money", "EURUSD_otc", 1m, oldestId));
        rejected.Message.ShouldContain("Not enough money");
        rejected.Message.ShouldContain("Nothing was opened and it was not retried");
        newer.IsCompleted.ShouldBeFalse();
        other.IsCompleted.ShouldBeFalse();

        Push(connection, "successopenOrder", TradingSamples.Deal("deal-2", newerId, command: 1), twoStep);
        (await newer.WithSafetyNet()).Id.ShouldBe("deal-2");
        connection.Sent.Count.ShouldBe(4); // nothing was re-sent
    }

    [Theory]
    [InlineData("successopenOrder", false)]
    [InlineData("successopenOrder", true)]
    [InlineData("updateOpenedDeals", false)]
    [InlineData("updateOpenedDeals", true)]
    public async Task An_order_without_an_answer_fails_as_outcome_unknown_after_one_frame_and_a_late_answer_joins_the_deals(string late, bool twoStep)
    {
        var connection = await _h.ConnectReadyAsync();
        var opened = new List<DealOpenedEventArgs>();
        _h.Deals.DealOpened += (_, e) => opened.Add(e);
        var buy = _h.Trading.BuyAsync("EURUSD_otc", 3m, TimeSpan.FromMinutes(1));
        var requestId = Payload(await connection.NextSentAsync(), "openOrder").GetProperty("requestId").GetString()!;

        _h.Time.Advance(TimeSpan.FromSeconds(14));
        buy.IsCompleted.ShouldBeFalse();
        _h.Time.Advance(TimeSpan.FromSeconds(1)); // the default OrderTimeout, 15 s

        var unknown = await Should.ThrowAsync<OrderOutcomeUnknownException>(buy.WithSafetyNet());
        (unknown.RequestId, unknown.Asset, unknown.Amount).ShouldBe((requestId, "EURUSD_otc", 3m));
        unknown.Message.ShouldContain("NOT re-sent");
        unknown.InnerException.ShouldBeAssignableTo<TimeoutException>();
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        connection.Sent.Count.ShouldBe(2, "one openOrder frame, never re-sent");

        var deal = TradingSamples.Deal("late-deal", requestId, amount: 3m);
        Push(connection, late, late == "successopenOrder" ? deal : "[" + deal + "]", twoStep);

        opened.ShouldHaveSingleItem().IsLateAnswer.ShouldBeTrue();
        opened[0].Deal.Id.ShouldBe("late-deal");
        _h.Deals.TryGetByRequestId(requestId, out var found).ShouldBeTrue();
        found.Id.ShouldBe("late-deal");
        _h.Deals.TryGetOpened("late-deal", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_order_whose_connection_drops_after_its_frame_was_written_is_outcome_unknown_and_not_resent_after_the_relogin()
    {
        var connection = await _h.ConnectReadyAsync();
        var opened = new List<DealOpenedEventArgs>();
        _h.Deals.DealOpened += (_, e) => opened.Add(e);
        var buy = _h.Trading.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1));
        var requestId = Payload(await connection.NextSentAsync(), "openOrder").GetProperty("requestId").GetString()!;

        var second = await _h.DropAndReloginAsync(connection);

        var unknown = await Should.ThrowAsync<OrderOutcomeUnknownException>(buy.WithSafetyNet());
        unknown.RequestId.ShouldBe(requestId);
        unknown.InnerException.ShouldBeOfType<ConnectionLostException>().NothingSent.ShouldBeFalse();
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        second.Sent.Select(s => s.Text).ShouldBe([AuthFrame]); // the order was not carried over to the new session
        connection.Sent.Count(s => s.Text.Contains("openOrder")).ShouldBe(1);

        second.PushText(WireFrames.OneStep("updateOpenedDeals", "[" + TradingSamples.Deal("deal-after-drop", requestId) + "]"));
        opened.ShouldHaveSingleItem().IsLateAnswer.ShouldBeTrue();
    }

    [Fact]
    public async Task An_answer_that_arrives_with_the_timeout_still_opens_the_order()
    {
        var connection = await _h.ConnectReadyAsync();
        var buy = _h.Trading.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1), CancellationToken.None);
        var requestId = Payload(await connection.NextSentAsync(), "openOrder").GetProperty("requestId").GetString()!;

        // The deal arrives as updateOpenedDeals (no command completes from it), then the order's own answer times out.
        connection.PushText(WireFrames.OneStep("updateOpenedDeals", "[" + TradingSamples.Deal("deal-1", requestId) + "]"));
        _h.Time.Advance(TimeSpan.FromSeconds(15));

        (await buy.WithSafetyNet()).Id.ShouldBe("deal-1");
    }

    [Fact]
    public async Task A_failopenOrder_without_asset_and_amount_rejects_no_order_so_none_is_wrongly_reported_unopened()
    {
        var connection = await _h.ConnectReadyAsync();
        var buy = _h.Trading.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1));
        await connection.NextSentAsync();

        connection.PushText(WireFrames.OneStep("failopenOrder", """{"error":"Something went wrong"}"""));
        buy.IsCompleted.ShouldBeFalse();
        _h.Time.Advance(TimeSpan.FromSeconds(15));

        await Should.ThrowAsync<OrderOutcomeUnknownException>(buy.WithSafetyNet());
    }

    [Fact]
    public async Task An_order_the_caller_cancels_after_sending_still_joins_the_deals_flagged_when_it_opens()
    {
        var connection = await _h.ConnectReadyAsync();
        var opened = new List<DealOpenedEventArgs>();
        _h.Deals.DealOpened += (_, e) => opened.Add(e);
        using var cancel = new CancellationTokenSource();
        var buy = _h.Trading.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1), cancel.Token);
        var requestId = Payload(await connection.NextSentAsync(), "openOrder").GetProperty("requestId").GetString()!;

        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(buy.WithSafetyNet());
        connection.PushText(WireFrames.OneStep("successopenOrder", TradingSamples.Deal("deal-1", requestId)));

        opened.ShouldHaveSingleItem().IsLateAnswer.ShouldBeTrue();
        connection.Sent.Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_order_before_Ready_is_refused_and_sends_nothing()
    {
        await Should.ThrowAsync<NotReadyException>(() => _h.Trading.BuyAsync("EURUSD_otc", 1m, TimeSpan.FromMinutes(1)));
        var connection = await _h.ConnectReadyAsync();
        connection.Sent.Count.ShouldBe(1);
    }
}
