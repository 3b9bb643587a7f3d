using System.Buffers;
using System.Text;
using System.Text.Json;
using Protocol;
using Protocol.ExpertOption.Wire;
using Protocol.ExpertOption.Wire.Assets;
using Protocol.ExpertOption.Wire.Batching;
using Protocol.ExpertOption.Wire.Candles;
using Protocol.ExpertOption.Wire.Context;
using Protocol.ExpertOption.Wire.Errors;
using Protocol.ExpertOption.Wire.Heartbeat;
using Protocol.ExpertOption.Wire.Profile;
using Protocol.ExpertOption.Wire.Trading;

namespace Protocol.ExpertOption.Tests.Wire;

// Every frame below has the shape of the fact sheet's captures or documented variants (values made up, as in the sheet).
public sealed class WireMessageTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    private static string Write<T>(T message)
        where T : IOutgoingMessage
    {
        var buffer = new ArrayBufferWriter<byte>();
        message.WriteEnvelope(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void SetContext_is_written_as_the_web_app_sends_it()
        => Write(new SetContextRequest { Body = { IsDemo = 1 }, Token = Token, Ns = 1 })
            .ShouldBe("""{"action":"setContext","message":{"is_demo":1},"token":"0123456789abcdef0123456789abcdef","ns":1}""");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SetContext_reply_echoes_ns_whatever_its_message(bool binary)
    {
        CapturedFrames.Read<SetContextReply>("""{"action":"setContext","ns":1,"message":{"result":"ok"}}""", binary).Ns.GetInt64().ShouldBe(1);
        WireNs.Is(CapturedFrames.Read<SetContextReply>("""{"action":"setContext","ns":"7","message":{"is_demo":0}}""", binary).Ns, 7).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"action":"error","message":"ERROR_EXPIRATION_INVALID","ns":7}""", "ERROR_EXPIRATION_INVALID")]
    [InlineData("""{"action":"error","message":{"reason":"ERROR_EXPECT_REAL_CONTEXT"},"ns":7}""", "ERROR_EXPECT_REAL_CONTEXT")]
    [InlineData("""{"action":"error","message":{"message":"ERROR_INCORRECT_TOKEN"},"ns":"7"}""", "ERROR_INCORRECT_TOKEN")]
    [InlineData("""{"action":"error","message":{"error":"CONTEXT_ONLY_FOR_REAL_USER","ns":7}}""", "CONTEXT_ONLY_FOR_REAL_USER")]
    public void Error_frames_of_every_documented_form_give_their_code_and_request(string frame, string code)
    {
        var error = CapturedFrames.Read<ErrorFrame>(frame, binary: true);
        error.Code.ShouldBe(code);
        error.Answers(7).ShouldBeTrue();
        error.Answers(8).ShouldBeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Profile_reply_gives_both_balances_and_the_server_time(bool binary)
    {
        var profile = CapturedFrames.Read<ProfileReply>(
            """{"action":"profile","ns":2,"message":{"profile":{"id":111222333,"is_demo":1,"demo_balance":9500.25,"real_balance":0,"currency_id":0,"time_zone":180,"max_deal_amount":9500,"ts":1700000000,"user_group_name":"Demo","last_assets":"{\"142\":[0,5]}","available_contexts":[0,1]}}}""",
            binary).Body.Profile;
        profile.DemoBalance.ShouldBe(9500.25m);
        profile.RealBalance.ShouldBe(0m);
        profile.IsDemo.ShouldBe(1);
        profile.ServerTimeSeconds.ShouldBe(1700000000);
        profile.MaxDealAmount.ShouldBe(9500m);
    }

    [Fact]
    public void Assets_request_and_reply_carry_payouts_and_expiry_rules()
    {
        Write(new AssetsRequest { Token = Token, Ns = 3 })
            .ShouldBe("""{"action":"assets","message":{"mode":["vanilla"],"subscribeMode":["vanilla"]},"token":"0123456789abcdef0123456789abcdef","ns":3}""");
        var reply = CapturedFrames.Read<AssetsReply>(
            """{"action":"assets","ns":3,"message":{"assets":[{"id":142,"symbol":"EURUSD","name":"EUR/USD","is_active":1,"profit":85,"min_profit":60,"max_profit":85,"min_bet":1,"max_bet":1000,"purchase_time":30,"expiration_step":30,"expiration_count":5,"opentime":52200,"closetime":72000,"mode":"vanilla","modeId":2,"asset_group_id":"currencies","trader_choise_k":1},{"id":20000,"symbol":"X","is_active":0,"profit":0},{"name":"no id"}],"groupTranslation":[{"id":4,"name":"Currencies","disabled":false}]}}""",
            binary: true);
        reply.Body.Assets.Count.ShouldBe(2);
        var eurusd = reply.Body.Assets[0];
        (eurusd.Id, eurusd.Symbol, eurusd.Profit, eurusd.PurchaseTime, eurusd.ExpirationStep, eurusd.ExpirationCount).ShouldBe((142, "EURUSD", 85, 30, 30, 5));
        (eurusd.MinBet, eurusd.MaxBet, eurusd.IsActive).ShouldBe((1m, 1000m, 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Server_ping_is_answered_by_a_pong_that_echoes_its_data(bool binary)
    {
        var ping = CapturedFrames.Read<ServerPing>("""{"action":"ping","message":{"data":"1700000000123"}}""", binary);
        ping.ServerTime.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123));
        Write(new Pong { Body = ping.Body, Token = Token, Ns = 3 })
            .ShouldBe("""{"action":"pong","message":{"data":"1700000000123"},"token":"0123456789abcdef0123456789abcdef","ns":3}""");
        Write(new ClientPing { Token = Token }).ShouldBe("""{"action":"ping","v":23,"message":{},"token":"0123456789abcdef0123456789abcdef"}""");
    }

    [Fact]
    public void BuyOption_variant_a_and_b_are_written_as_documented()
    {
        Write(new BuyOptionRequest { Body = { Type = "call", Amount = 10, AssetId = 142, StrikeTime = 1700000000, IsDemo = 1, ExpirationShift = 60, RatePosition = 0 }, Token = Token, Ns = 7 })
            .ShouldBe("""{"action":"buyOption","message":{"type":"call","amount":10,"assetid":142,"strike_time":1700000000,"is_demo":1,"expiration_shift":60,"ratePosition":0},"token":"0123456789abcdef0123456789abcdef","ns":7}""");
        Write(new BuyOptionRequest { Body = { Type = "put", Amount = 5, AssetId = 240, StrikeTime = 1700000000, IsDemo = 1, ExpirationTime = 1700000060, RateIndex = 1 }, Token = Token, Ns = 44 })
            .ShouldBe("""{"action":"buyOption","message":{"type":"put","amount":5,"assetid":240,"strike_time":1700000000,"is_demo":1,"expiration_time":1700000060,"rateIndex":1},"token":"0123456789abcdef0123456789abcdef","ns":44}""");
    }

    [Fact]
    public void BuyOption_reply_is_read_empty_or_with_a_trade_id()
    {
        CapturedFrames.Read<BuyOptionReply>("""{"action":"buyOption","ns":"7","message":{}}""", binary: true).TradeId.ShouldBeNull();
        var reply = CapturedFrames.Read<BuyOptionReply>("""{"action":"buyOption","ns":7,"message":{"trade_id":2300000001}}""", binary: false);
        reply.TradeId.ShouldBe(2300000001);
        WireNs.Is(reply.Ns, 7).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"action":"openTradeSuccessful","message":{"trade":{"id":2300000001,"asset_id":142,"type":0,"amount":10,"strike_time":1700000000,"open_rate":1.08123,"exp_time":1700000060,"profit":85,"is_demo":1}}}""")]
    [InlineData("""{"action":"buySuccessful","message":{"option":{"id":2300000001,"asset_id":142,"type":0,"amount":10,"strike_time":1700000000,"strike_rate":1.08123,"exp_time":1700000060,"profit":85,"is_demo":1}}}""")]
    public void Both_opening_pushes_give_the_trade(string frame)
    {
        var trade = CapturedFrames.Read<TradeOpened>(frame, binary: true).Body.Trade;
        (trade.Id, trade.AssetId, trade.Type, trade.Amount, trade.StrikeRate, trade.ExpirationTime, trade.Profit).ShouldBe((2300000001L, 142, 0, 10m, 1.08123m, 1700000060d, 85m));
    }

    [Theory]
    [InlineData("""{"action":"closeTradeSuccessful","message":{"trades":[{"id":5,"asset_id":142,"close_rate":1.2,"result_amount":8.5,"status":1}]}}""")]
    [InlineData("""{"action":"optionFinished","message":{"options":[{"id":5,"asset_id":142,"exp_rate":1.2,"result_amount":8.5,"status":1}]}}""")]
    [InlineData("""{"action":"optionFinished","message":{"deals":[{"id":5,"asset_id":142,"exp_rate":1.2,"result_amount_cash":8.5,"status":1}]}}""")]
    public void Every_documented_closing_push_gives_the_closed_trade(string frame)
    {
        var trade = CapturedFrames.Read<TradesClosed>(frame, binary: false).Body.Trades.ShouldHaveSingleItem();
        (trade.Id, trade.ExpirationRate, trade.ResultAmount, trade.Status).ShouldBe((5L, 1.2m, (decimal?)8.5m, 1));
    }

    [Fact]
    public void Trade_history_rows_carry_win_loss_and_early_close()
    {
        var history = CapturedFrames.Read<TradeHistoryReply>(
            """{"action":"tradeHistory","ns":2,"message":{"options":[{"id":1,"user_id":9,"asset_id":160,"type":0,"amount":100,"strike_time":1700000613,"strike_rate":30000.1,"exp_time":1700000650,"exp_rate":30000.5,"profit":76,"status":1,"result_amount":76,"cancel_time":0,"ts":"2023-07-20T10:00:00Z","is_demo":1,"currency_id":0,"refund":0,"res_shown":1,"ip":"x","country":"PH"},{"id":2,"asset_id":160,"type":1,"amount":100,"strike_time":1700000309.5,"strike_rate":30000.1,"exp_time":1700000350,"exp_rate":30000.5,"profit":76,"status":2,"result_amount":-100,"cancel_time":0,"is_demo":1},{"id":3,"asset_id":160,"type":0,"amount":100,"strike_time":1700000400,"strike_rate":30000.1,"exp_time":1700000430,"exp_rate":30000.5,"profit":76,"status":4,"result_amount":48,"cancel_time":1700000420,"is_demo":1}],"options_count":20,"is_demo":1}}""",
            binary: true).Body;
        history.Options.Select(o => (o.Status, o.ResultAmount)).ShouldBe([(1, (decimal?)76m), (2, -100m), (4, 48m)]);
        history.Options[1].StrikeTime.ShouldBe(1700000309.5);
        history.Options[2].CancelTime.ShouldBe(1700000420);
        history.OptionsCount.ShouldBe(20);
        Write(new TradeHistoryRequest { Body = { IndexFrom = 0, Count = 20, IsDemo = 1 }, Token = Token, Ns = 2 })
            .ShouldBe("""{"action":"tradeHistory","message":{"index_from":0,"count":20,"is_demo":1},"token":"0123456789abcdef0123456789abcdef","ns":2}""");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Candles_push_gives_ticks_and_ohlc_bars(bool binary)
    {
        var push = CapturedFrames.Read<CandlesPush>(
            """{"action":"candles","message":{"assetId":160,"candles":[{"tf":0,"tt":1700000038.5,"t":1700000038.5,"v":[30000.105]},{"tf":5,"tt":1700000038.5,"t":1700000035,"v":[30000.200,30000.250,30000.050,30000.105]}],"expTimes":[[1700000020,1700000050,[[30000.105,76,76,1],[29999.5,77,2,2],[30000.7,6,76,3]]]]}}""",
            binary).Body;
        push.AssetId.ShouldBe(160);
        var tick = push.Candles[0];
        (tick.IsTick, tick.T, tick.V[0]).ShouldBe((true, 1700000038.5, 30000.105m));
        var bar = push.Candles[1];
        (bar.IsBar, bar.T).ShouldBe((true, 1700000035d));
        bar.V.ShouldBe([30000.200m, 30000.250m, 30000.050m, 30000.105m]);
    }

    [Fact]
    public void History_request_and_reply_give_candles_at_start_plus_i_times_tf()
    {
        Write(new HistoryCandlesRequest { Body = { AssetId = 160, Periods = [[1700000000, 1700003600]], Timeframes = [5] }, Token = Token, Ns = 8 })
            .ShouldBe("""{"action":"assetHistoryCandles","message":{"assetid":160,"periods":[[1700000000,1700003600]],"timeframes":[5]},"token":"0123456789abcdef0123456789abcdef","ns":8}""");
        var reply = CapturedFrames.Read<HistoryCandlesReply>(
            """{"action":"assetHistoryCandles","ns":8,"message":{"assetId":160,"candles":[{"tf":5,"periods":[[1700000000,[[30000.1,30000.3,29999.9,30000.2],[30000.2,30000.4,30000.0,30000.1]]]]}]}}""",
            binary: true);
        WireNs.Is(reply.Ns, 8).ShouldBeTrue();
        var candles = reply.ToCandles();
        candles.Count.ShouldBe(2);
        candles[1].Time.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000005));
        (candles[1].Open, candles[1].High, candles[1].Low, candles[1].Close).ShouldBe((30000.2m, 30000.4m, 30000.0m, 30000.1m));
    }

    [Fact]
    public void Candle_timeframes_and_subscriptions_are_read_and_written()
    {
        CapturedFrames.Read<CandleTimeframesReply>("""{"action":"getCandlesTimeframes","ns":9,"message":{"candlesTimeframes":[5,10,15,30,60,300,900,1800,3600,14400,86400,604800,2592000],"pointsTimeframe":0.5}}""", binary: true)
            .Body.CandlesTimeframes.Count.ShouldBe(13);
        CapturedFrames.Read<CandleTimeframesReply>("""{"action":"getCandlesTimeframes","message":{"timeframes":[5,60]}}""", binary: false).Body.CandlesTimeframes.ShouldBe([5, 60]);
        CapturedFrames.Read<SubscribeCandlesReply>("""{"action":"subscribeCandles","ns":7,"message":{"assetsIds":[142]}}""", binary: true).Body.AssetsIds.ShouldBe([142]);
        Write(new SubscribeCandlesRequest { Body = { Assets = [new CandleSubscription { Id = 142, Timeframes = [0, 5] }] }, Token = Token, Ns = 4 })
            .ShouldBe("""{"action":"subscribeCandles","message":{"assets":[{"id":142,"timeframes":[0,5]}]},"token":"0123456789abcdef0123456789abcdef","ns":4}""");
    }

    [Fact]
    public void A_batched_reply_gives_its_inner_actions()
    {
        var batch = CapturedFrames.Read<MultipleActionReply>(
            """{"action":"multipleAction","ns":2,"message":{"actions":[{"action":"userGroup","ns":1,"message":{"userGroups":[]}},{"action":"profile","ns":2,"message":{"profile":{"demo_balance":10000,"real_balance":0}}},{"action":"subscribeCandles","ns":7,"message":{"assetsIds":[142]}}]}}""",
            binary: true);
        batch.TryReadInner<ProfileReply>("profile", out var profile).ShouldBeTrue();
        profile.Body.Profile.DemoBalance.ShouldBe(10000m);
        WireNs.Is(profile.Ns, 2).ShouldBeTrue();
        batch.TryReadInner<AssetsReply>("assets", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_message_matches_only_its_own_action()
    {
        CapturedFrames.Matches<ProfileReply>("""{"action":"assets","message":{"assets":[]}}""").ShouldBeFalse();
        CapturedFrames.Matches<TradesClosed>("""{"action":"openTradeSuccessful","message":{"trade":{"id":1}}}""").ShouldBeFalse();
    }

    [Fact]
    public void Ns_matches_numbers_and_digit_strings_only()
    {
        using var doc = JsonDocument.Parse("""[7,"7","x",null]""");
        doc.RootElement.EnumerateArray().Select(e => WireNs.Is(e, 7)).ShouldBe([true, true, false, false]);
        doc.RootElement.EnumerateArray().Select(e => WireNs.Answers(e, 7)).ShouldBe([true, true, false, true]);
        WireNs.Answers(default, 7).ShouldBeTrue();
    }
}
