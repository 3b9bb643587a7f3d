using Protocol.PocketOption.Wire.Trading;
using Protocol.Testing;
using static Protocol.PocketOption.Tests.Trading.TradingHarness;

namespace Protocol.PocketOption.Tests.Trading;

/// <summary>The pending-order book: kept current from the platform's answers, keyed by ticket, across reconnects.</summary>
public sealed class PendingOrderBookTests : IAsyncDisposable
{
    private readonly TradingHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private static OpenPendingOrder Order(decimal amount = 1.5m)
        => new() { OpenType = 1, Amount = amount, Asset = "EURUSD_otc", OpenPrice = 1.0832m, Timeframe = 60, MinPayout = 80, Command = OrderAction.Call };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Placed_orders_join_the_book_by_ticket_and_cancelled_ones_leave_it(bool twoStep)
    {
        var connection = await _h.ConnectReadyAsync();
        var book = _h.Trading.PendingOrders;
        foreach (var (ticket, amount) in new[] { ("t-1", 1m), ("t-2", 2m), ("t-3", 3m), ("t-4", 4m) })
        {
            var open = _h.Trading.OpenPendingOrderAsync(Order(amount));
            await connection.NextSentAsync();
            Push(connection, "successopenPendingOrder", $$"""{"ticket":"{{ticket}}","amount":{{amount}},"symbol":"EURUSD_otc","id":{{amount}}}""", twoStep);
            (await open.WithSafetyNet()).Ticket.ShouldBe(ticket);
        }

        book.All.Select(o => o.Ticket).ShouldBe(["t-1", "t-2", "t-3", "t-4"]);
        book.TryGet("t-2", out var second).ShouldBeTrue();
        second.Amount.ShouldBe(2m);

        // One cancelled by ticket, one by the {"id","success"} form naming the platform's numeric id, two in one request.
        var one = _h.Trading.CancelPendingOrderAsync("t-1");
        await connection.NextSentAsync();
        connection.PushText(WireFrames.OneStep("successcancelPendingOrder", """{"ticket":"t-1"}"""));
        await one.WithSafetyNet();
        var byId = _h.Trading.CancelPendingOrderAsync("t-2");
        await connection.NextSentAsync();
        connection.PushText(WireFrames.OneStep("successcancelPendingOrder", """{"id":2,"success":true}"""));
        await byId.WithSafetyNet();
        book.All.Select(o => o.Ticket).ShouldBe(["t-3", "t-4"]);

        var several = _h.Trading.CancelPendingOrdersAsync(["t-3", "t-4"]);
        await connection.NextSentAsync();
        connection.PushText(WireFrames.OneStep("successcancelPendingOrders", """{"cancelled":["t-3",{"ticket":"t-4","success":false}]}"""));
        (await several.WithSafetyNet()).ShouldBe(["t-3"]);
        book.All.Select(o => o.Ticket).ShouldBe(["t-4"]);
    }

    [Fact]
    public async Task A_refused_cancel_leaves_the_order_in_the_book()
    {
        var connection = await _h.ConnectReadyAsync();
        var open = _h.Trading.OpenPendingOrderAsync(Order());
        await connection.NextSentAsync();
        connection.PushText(WireFrames.OneStep("successopenPendingOrder", """{"ticket":"t-1"}"""));
        await open.WithSafetyNet();

        var refused = _h.Trading.CancelPendingOrderAsync("t-1");
        await connection.NextSentAsync();
        connection.PushText(WireFrames.OneStep("successcancelPendingOrder", """{"id":"t-1","success":false}"""));
        await Should.ThrowAsync<Protocol.PocketOption.Trading.PendingOrders.PendingOrderRejectedException>(refused.WithSafetyNet());
        var failed = _h.Trading.CancelPendingOrderAsync("t-1");
        await connection.NextSentAsync();
        connection.PushText(WireFrames.OneStep("failcancelPendingOrder", """{"error":"busy","ticket":"t-1"}"""));
        await Should.ThrowAsync<Protocol.PocketOption.Trading.PendingOrders.PendingOrderRejectedException>(failed.WithSafetyNet());

        _h.Trading.PendingOrders.TryGet("t-1", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_late_answer_still_joins_the_book_and_the_book_survives_a_reconnect_until_forgotten()
    {
        var connection = await _h.ConnectReadyAsync();
        var open = _h.Trading.OpenPendingOrderAsync(Order(), TimeSpan.FromSeconds(5));
        await connection.NextSentAsync();
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        await Should.ThrowAsync<CommandTimeoutException>(open.WithSafetyNet());
        _h.Trading.PendingOrders.Count.ShouldBe(0);

        // The answer arrives after the call gave up: the order was placed, so the book shows it.
        connection.PushText(WireFrames.OneStep("successopenPendingOrder", """{"data":{"ticket":"late-1","asset":"EURUSD_otc","amount":"1.5"}}"""));
        _h.Trading.PendingOrders.TryGet("late-1", out var late).ShouldBeTrue();
        late.Symbol.ShouldBe("EURUSD_otc");

        // Pending orders live on the platform, not in the session: a reconnect keeps them. A deal that opens says nothing
        // about which order triggered it, so the book keeps the order until the user forgets (or cancels) it.
        connection = await _h.DropAndReloginAsync(connection);
        connection.PushText(WireFrames.OneStep("successopenOrder", TradingSamples.Deal("d-1", requestId: null)));
        _h.Trading.PendingOrders.All.Select(o => o.Ticket).ShouldBe(["late-1"]);
        _h.Trading.PendingOrders.Forget("late-1").ShouldBeTrue();
        _h.Trading.PendingOrders.Count.ShouldBe(0);
        _h.Trading.PendingOrders.Forget("late-1").ShouldBeFalse();
    }
}
