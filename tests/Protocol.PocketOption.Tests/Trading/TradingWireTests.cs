using System.Text.Json;
using Protocol.PocketOption.Wire.Trading;
using Protocol.Trading.Trades;
using static Protocol.PocketOption.Tests.Trading.WireFrames;

namespace Protocol.PocketOption.Tests.Trading;

/// <summary>The trading messages of pocketoption.md §3 as the client writes and reads them, each incoming one in its one-step and two-step form.</summary>
public sealed class TradingWireTests
{
    [Fact]
    public void OpenOrder_is_written_in_the_platforms_field_order_with_the_amount_as_a_float()
    {
        Frame(new OpenOrder { Asset = "EURUSD_otc", Action = OrderAction.Call, Amount = 1m, IsDemo = 1, RequestId = "5d1c0f2a-0000-4000-8000-000000000001", Time = 60 })
            .ShouldBe("""42["openOrder",{"asset":"EURUSD_otc","action":"call","amount":1.0,"isDemo":1,"optionType":100,"requestId":"5d1c0f2a-0000-4000-8000-000000000001","time":60}]""");
        Frame(new OpenOrder { Asset = "AAPL_otc", Action = OrderAction.Put, Amount = 12.5m, IsDemo = 0, RequestId = "r", Time = 300 })
            .ShouldBe("""42["openOrder",{"asset":"AAPL_otc","action":"put","amount":12.5,"isDemo":0,"optionType":100,"requestId":"r","time":300}]""");
    }

    [Fact]
    public void Pending_order_requests_write_amount_and_price_as_strings_and_cancels_carry_tickets()
    {
        Frame(new OpenPendingOrder { OpenType = 1, Amount = 1.5m, Asset = "EURUSD", OpenTime = "2025-07-07 10:00:00", OpenPrice = 1.0832m, Timeframe = 60, MinPayout = 80, Command = OrderAction.Put })
            .ShouldBe("""42["openPendingOrder",{"openType":1,"amount":"1.5","asset":"EURUSD","openTime":"2025-07-07 10:00:00","openPrice":"1.0832","timeframe":60,"minPayout":80,"command":1}]""");
        Frame(new CancelPendingOrder { Ticket = "t-1" }).ShouldBe("""42["cancelPendingOrder",{"ticket":"t-1"}]""");
        Frame(new CancelPendingOrders { Tickets = ["t-1", "t-2"] }).ShouldBe("""42["cancelPendingOrders",{"tickets":["t-1","t-2"]}]""");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_full_deal_reads_numbers_from_strings_a_numeric_request_id_float_timestamps_and_skips_unknown_fields(bool twoStep)
    {
        var deal = Read<SuccessOpenOrder>("successopenOrder", TradingSamples.FullDeal, twoStep).Deal;

        deal.Id.ShouldBe(TradingSamples.DealId);
        deal.RequestId.ShouldBe("12345");
        (deal.Amount, deal.Profit, deal.OpenPrice, deal.ClosePrice).ShouldBe((1m, 0.87m, 1.08321m, 1.08350m));
        deal.Direction.ShouldBe(TradeDirection.Sell);
        deal.Asset.ShouldBe("EURUSD_otc");
        deal.OpenedAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1751882400));
        deal.ExpiresAt.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1751882460500));
        deal.Result.ShouldBe(new TradeResult(TradeOutcome.Win, 0.87m));
        deal.CloseMs.ShouldBeNull();
        deal.Currency.ShouldBe("USD");
        deal.ToString().ShouldBe($"deal {TradingSamples.DealId} EURUSD_otc put 1");
        deal.ToString().ShouldNotContain("87654321"); // the uid is account data
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_minimal_deal_with_a_uuid_request_id_reads_and_a_deal_without_an_id_does_not(bool twoStep)
    {
        var deal = Read<SuccessOpenOrder>("successopenOrder", """{"id":"d-1","requestId":"6f1e…-uuid","amount":"2.50","command":"call"}""", twoStep).Deal;
        (deal.Id, deal.RequestId, deal.Amount, deal.Direction, deal.Profit, deal.ExpiresAt).ShouldBe(("d-1", "6f1e…-uuid", 2.50m, TradeDirection.Buy, null, null));

        TryRead<SuccessOpenOrder>("successopenOrder", """{"requestId":"r","amount":1}""", twoStep, out _).ShouldBeFalse("a deal without an id cannot be tracked");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FailOpenOrder_reads_with_and_without_amount_and_asset(bool twoStep)
    {
        var failure = Read<FailOpenOrder>("failopenOrder", """{"error":"Not enough money","amount":1,"asset":"EURUSD_otc"}""", twoStep);
        (failure.Error, failure.Amount, failure.Asset).ShouldBe(("Not enough money", 1m, "EURUSD_otc"));

        var bare = Read<FailOpenOrder>("failopenOrder", """{"error":"Trading is closed"}""", twoStep);
        (bare.Error, bare.Amount, bare.Asset).ShouldBe(("Trading is closed", null, null));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Opened_and_closed_deal_lists_read_and_a_row_without_an_id_is_skipped(bool twoStep)
    {
        var list = "[" + TradingSamples.FullDeal + "," + TradingSamples.Deal("d-2", "r-2") + ",{\"asset\":\"no id\"}]";

        Read<UpdateOpenedDeals>("updateOpenedDeals", list, twoStep).Deals.Select(d => d.Id).ShouldBe([TradingSamples.DealId, "d-2"]);
        Read<UpdateClosedDeals>("updateClosedDeals", list, twoStep).Deals.Select(d => d.Id).ShouldBe([TradingSamples.DealId, "d-2"]);
        Read<UpdateClosedDeals>("updateClosedDeals", "[]", twoStep).Deals.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SuccessCloseOrder_reads_the_object_form_and_the_bare_array(bool twoStep)
    {
        var withProfit = Read<SuccessCloseOrder>("successcloseOrder", "{\"profit\":\"0.87\",\"deals\":[" + TradingSamples.FullDeal + "]}", twoStep);
        withProfit.Profit.ShouldBe(0.87m);
        withProfit.Deals.ShouldHaveSingleItem().Id.ShouldBe(TradingSamples.DealId);

        var bare = Read<SuccessCloseOrder>("successcloseOrder", "[" + TradingSamples.Deal("d-2", null, profit: -1m) + "]", twoStep);
        bare.Profit.ShouldBe(0m);
        bare.Deals.ShouldHaveSingleItem().Result.ShouldBe(new TradeResult(TradeOutcome.Loss, -1m));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_placed_pending_order_reads_flat_or_wrapped_in_data_with_either_timeframe_spelling(bool twoStep)
    {
        var flat = Read<SuccessOpenPendingOrder>("successopenPendingOrder",
            """{"ticket":"t-1","openType":1,"amount":"1.5","symbol":"EURUSD","openTime":"2025-07-07 10:00:00","openPrice":"1.0832","timeframe":60,"minPayout":80,"command":1,"dateCreated":"2025-07-07 09:59:00","id":77}""", twoStep).Order;
        (flat.Ticket, flat.Amount, flat.Symbol, flat.OpenPrice, flat.Timeframe, flat.MinPayout, flat.Command, flat.Id).ShouldBe(("t-1", 1.5m, "EURUSD", 1.0832m, 60u, 80u, OrderAction.Put, 77UL));

        var wrapped = Read<SuccessOpenPendingOrder>("successopenPendingOrder", """{"data":{"ticket":"t-2","asset":"AAPL","amount":2,"timeFrame":120,"command":0}}""", twoStep).Order;
        (wrapped.Ticket, wrapped.Symbol, wrapped.Amount, wrapped.Timeframe, wrapped.Command).ShouldBe(("t-2", "AAPL", 2m, 120u, OrderAction.Call));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pending_order_failures_and_cancel_answers_read_in_every_documented_shape(bool twoStep)
    {
        Read<FailOpenPendingOrder>("failopenPendingOrder", """{"error":"Price too close","amount":1.5,"asset":"EURUSD"}""", twoStep).Error.ShouldBe("Price too close");
        Read<FailOpenPendingOrder>("failopenPendingOrder", """{"error":"Price too close"}""", twoStep).Asset.ShouldBeNull();

        Read<SuccessCancelPendingOrder>("successcancelPendingOrder", """{"ticket":"t-1"}""", twoStep).Ticket.ShouldBe("t-1");
        var idForm = Read<SuccessCancelPendingOrder>("successcancelPendingOrder", """{"id":17,"success":true}""", twoStep);
        (idForm.Id, idForm.Success).ShouldBe(("17", true));

        Read<SuccessCancelPendingOrders>("successcancelPendingOrders", """{"cancelled":["t-1",{"ticket":"t-2"},{"id":3,"success":true},{"id":"t-4","success":false}]}""", twoStep)
            .CancelledTickets().ShouldBe(["t-1", "t-2", "3"]);

        Read<FailCancelPendingOrder>("failcancelPendingOrder", """{"error":"Order not found","ticket":"t-9"}""", twoStep).Error.ShouldBe("Order not found");
        Read<FailCancelPendingOrders>("failcancelPendingOrders", """{"error":"Orders not found"}""", twoStep).Error.ShouldBe("Orders not found");
    }

    [Fact]
    public void A_deal_keeps_refund_values_as_read()
    {
        var deal = Read<SuccessOpenOrder>("successopenOrder", """{"id":"d","refundTime":{"at":5},"refundTimestamp":12}""", twoStep: false).Deal;
        deal.RefundTime!.Value.GetProperty("at").GetInt32().ShouldBe(5);
        deal.RefundTimestamp!.Value.ValueKind.ShouldBe(JsonValueKind.Number);
    }
}
