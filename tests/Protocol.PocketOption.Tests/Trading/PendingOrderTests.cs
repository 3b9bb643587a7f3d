using Protocol.PocketOption.Trading.Orders;
using Protocol.PocketOption.Trading.PendingOrders;
using Protocol.PocketOption.Wire.Trading;
using Protocol.Testing;
using static Protocol.PocketOption.Tests.Trading.TradingHarness;

namespace Protocol.PocketOption.Tests.Trading;

/// <summary>Pending orders: open, cancel one, cancel many; answers in order, typed failures, timeouts.</summary>
public sealed class PendingOrderTests : IAsyncDisposable
{
    private readonly TradingHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private static OpenPendingOrder Order(decimal amount = 1.5m, string asset = "EURUSD_otc")
        => new() { OpenType = 1, Amount = amount, Asset = asset, OpenTime = "2025-07-07 10:05:00", OpenPrice = 1.0832m, Timeframe = 60, MinPayout = 80, Command = OrderAction.Call };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Opening_a_pending_order_sends_one_frame_and_answers_are_matched_first_in_first_out(bool twoStep)
    {
        var connection = await _h.ConnectReadyAsync();
        var first = _h.Trading.OpenPendingOrderAsync(Order());
        var second = _h.Trading.OpenPendingOrderAsync(Order(amount: 2m));
        (await connection.NextSentAsync()).Text.ShouldBe("""42["openPendingOrder",{"openType":1,"amount":"1.5","asset":"EURUSD_otc","openTime":"2025-07-07 10:05:00","openPrice":"1.0832","timeframe":60,"minPayout":80,"command":0}]""");
        await connection.NextSentAsync();

        Push(connection, "successopenPendingOrder", """{"ticket":"t-1","openType":1,"amount":"1.5","symbol":"EURUSD_otc","openPrice":"1.0832","timeframe":60,"command":0}""", twoStep);
        Push(connection, "successopenPendingOrder", """{"data":{"ticket":"t-2","asset":"EURUSD_otc","amount":2,"timeFrame":60}}""", twoStep);

        var placed = await first.WithSafetyNet();
        (placed.Ticket, placed.Amount, placed.Symbol).ShouldBe(("t-1", 1.5m, "EURUSD_otc"));
        (await second.WithSafetyNet()).Ticket.ShouldBe("t-2");
        connection.Sent.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_refused_pending_order_fails_typed_with_the_reason_and_the_next_one_still_gets_its_answer(bool twoStep)
    {
        var connection = await _h.ConnectReadyAsync();
        var first = _h.Trading.OpenPendingOrderAsync(Order());
        var second = _h.Trading.OpenPendingOrderAsync(Order(amount: 2m));
        await connection.NextSentAsync();
        await connection.NextSentAsync();

        Push(connection, "failopenPendingOrder", """{"error":"Price too close to the market"}""", twoStep);
        var refused = await Should.ThrowAsync<PendingOrderRejectedException>(first.WithSafetyNet());
        (refused.Operation, refused.Reason).ShouldBe(("open", "Price too close to the market"));
        refused.Message.ShouldContain("It was not retried");

        Push(connection, "successopenPendingOrder", """{"ticket":"t-2"}""", twoStep);
        (await second.WithSafetyNet()).Ticket.ShouldBe("t-2");
    }

    [Fact]
    public async Task A_pending_order_failure_naming_an_asset_goes_to_the_oldest_order_on_that_asset()
    {
        var connection = await _h.ConnectReadyAsync();
        var onOne = _h.Trading.OpenPendingOrderAsync(Order(amount: 1m));
        var onTwo = _h.Trading.OpenPendingOrderAsync(Order(amount: 2m));
        await connection.NextSentAsync();
        await connection.NextSentAsync();

        connection.PushText(WireFrames.OneStep("failopenPendingOrder", """{"error":"Not enough money","amount":2,"asset":"EURUSD_otc"}"""));

        (await Should.ThrowAsync<PendingOrderRejectedException>(onTwo.WithSafetyNet())).Reason.ShouldBe("Not enough money");
        onOne.IsCompleted.ShouldBeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_one_order_completes_on_its_ticket_and_fails_typed_on_a_refusal_in_either_shape(bool twoStep)
    {
        var connection = await _h.ConnectReadyAsync();
        var ok = _h.Trading.CancelPendingOrderAsync("t-1");
        (await connection.NextSentAsync()).Text.ShouldBe("""42["cancelPendingOrder",{"ticket":"t-1"}]""");
        Push(connection, "successcancelPendingOrder", """{"ticket":"t-1"}""", twoStep);
        await ok.WithSafetyNet();

        var missing = _h.Trading.CancelPendingOrderAsync("t-2");
        await connection.NextSentAsync();
        Push(connection, "failcancelPendingOrder", """{"error":"Order not found"}""", twoStep);
        (await Should.ThrowAsync<PendingOrderRejectedException>(missing.WithSafetyNet())).Reason.ShouldBe("Order not found");

        var refused = _h.Trading.CancelPendingOrderAsync("t-3");
        await connection.NextSentAsync();
        Push(connection, "successcancelPendingOrder", """{"id":"t-3","success":false}""", twoStep);
        (await Should.ThrowAsync<PendingOrderRejectedException>(refused.WithSafetyNet())).Reason.ShouldContain("success: false");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_several_orders_returns_the_tickets_the_platform_cancelled_or_fails_typed(bool twoStep)
    {
        var connection = await _h.ConnectReadyAsync();
        var cancel = _h.Trading.CancelPendingOrdersAsync(["t-1", "t-2"]);
        (await connection.NextSentAsync()).Text.ShouldBe("""42["cancelPendingOrders",{"tickets":["t-1","t-2"]}]""");
        Push(connection, "successcancelPendingOrders", """{"cancelled":["t-1",{"ticket":"t-2"}]}""", twoStep);
        (await cancel.WithSafetyNet()).ShouldBe(["t-1", "t-2"]);

        var refused = _h.Trading.CancelPendingOrdersAsync(["t-9"]);
        await connection.NextSentAsync();
        Push(connection, "failcancelPendingOrders", """{"error":"Orders not found"}""", twoStep);
        (await Should.ThrowAsync<PendingOrderRejectedException>(refused.WithSafetyNet())).Operation.ShouldBe("cancel several");
        await Should.ThrowAsync<ArgumentException>(() => _h.Trading.CancelPendingOrdersAsync([]));
    }

    [Fact]
    public async Task A_pending_order_without_an_answer_times_out_after_30_s_of_fake_time_and_is_not_resent()
    {
        var connection = await _h.ConnectReadyAsync();
        var open = _h.Trading.OpenPendingOrderAsync(Order());
        await connection.NextSentAsync();

        _h.Time.Advance(TimeSpan.FromSeconds(29));
        open.IsCompleted.ShouldBeFalse();
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        var timeout = await Should.ThrowAsync<CommandTimeoutException>(open.WithSafetyNet());
        timeout.Timeout.ShouldBe(TimeSpan.FromSeconds(30));
        timeout.Message.ShouldContain("may still have reached the platform");
        connection.Sent.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_pending_order_is_checked_before_it_is_sent()
    {
        var connection = await _h.ConnectReadyAsync();
        (await Should.ThrowAsync<OrderCheckException>(() => _h.Trading.OpenPendingOrderAsync(Order(asset: "NOPE")))).Problem.ShouldBe(OrderProblem.UnknownAsset);
        (await Should.ThrowAsync<OrderCheckException>(() => _h.Trading.OpenPendingOrderAsync(Order(amount: 0.5m)))).Problem.ShouldBe(OrderProblem.AmountOutOfRange);
        connection.Sent.Count.ShouldBe(1);
    }
}
