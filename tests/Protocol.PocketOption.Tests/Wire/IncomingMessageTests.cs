using Protocol.PocketOption.Wire;

namespace Protocol.PocketOption.Tests.Wire;

// Every incoming message in the shapes of pocketoption.md §3.2, one-step (42[…]) and two-step (451-[…] + attachment).
public sealed class IncomingMessageTests
{
    [Fact]
    public void Successauth_reads_a_real_servers_serverName_and_a_demo_servers_id()
    {
        var (oneStep, twoStep) = Frames.ReadBothForms<SuccessAuth>("successauth", """{"serverName":"eu-7"}""");
        oneStep.ServerName.ShouldBe("eu-7");
        twoStep.ServerName.ShouldBe("eu-7");
        Frames.ReadBothForms<SuccessAuth>("successauth", """{"id":"sock-1"}""").TwoStep.Id.ShouldBe("sock-1");
    }

    [Theory]
    [InlineData("""42["NotAuthorized"]""")]
    [InlineData("""42["notAuthorized"]""")]
    [InlineData("""42["auth_error"]""")]
    [InlineData("""42["auth_error",{"message":"expired"}]""")]
    public void Each_rejection_name_reads_as_AuthRejected(string frame)
        => Frames.TryRead<AuthRejected>(frame, out _).ShouldBeTrue();

    [Fact]
    public void Balance_reads_balance_and_demo_flag_in_both_forms_and_needs_only_balance()
    {
        var (oneStep, twoStep) = Frames.ReadBothForms<BalanceUpdate>("successupdateBalance", """{"uid":91,"isDemo":1,"balance":50000.25}""");
        oneStep.Balance.ShouldBe(50000.25m);
        twoStep.Balance.ShouldBe(50000.25m);
        twoStep.IsDemo.ShouldBe(1);
        var bare = Frames.Read<BalanceUpdate>("""42["successupdateBalance",{"balance":"12.5"}]""");
        bare.Balance.ShouldBe(12.5m);
        bare.IsDemo.ShouldBeNull();
    }

    private const string AppleRow = """[5,"AAPL","Apple","stock",2,50,60,30,3,0,170,0,[],1751906100,false,[{"time":60},{"time":120}],-1,60,1751906100]""";
    private const string EurRow = """[1,"EURUSD_otc","EUR/USD OTC","currency",1,92,60,30,3,1,170,0,[],1751906100,true,[{"time":5},{"time":60}],-1,60,1751906100]""";

    [Fact]
    public void Asset_rows_read_the_known_positions_in_both_forms()
    {
        var (oneStep, twoStep) = Frames.ReadBothForms<UpdateAssets>("updateAssets", $"[{AppleRow},{EurRow}]");
        oneStep.Assets.Count.ShouldBe(2);
        var eur = twoStep.Assets[1];
        eur.Symbol.ShouldBe("EURUSD_otc");
        eur.Name.ShouldBe("EUR/USD OTC");
        eur.Type.ShouldBe("currency");
        eur.Payout.ShouldBe(92);
        eur.IsOtc.ShouldBe(1);
        eur.IsActive.ShouldBeTrue();
        eur.AllowedExpiries.Select(e => e.Time).ShouldBe([5, 60]);
        twoStep.Assets[0].IsActive.ShouldBeFalse();
    }

    [Fact]
    public void A_bad_asset_row_is_skipped_and_counted_and_the_others_are_kept()
    {
        var before = UpdateAssets.SkippedElements + AssetRow.SkippedElements;
        var broken = """[7,"BTCUSD","Bitcoin","cryptocurrency",2,"not a payout"]""";
        var assets = Frames.Read<UpdateAssets>($"42[\"updateAssets\",[{AppleRow},{broken},{EurRow}]]");
        assets.Assets.Select(a => a.Symbol).ShouldBe(["AAPL", "EURUSD_otc"]);
        (UpdateAssets.SkippedElements + AssetRow.SkippedElements).ShouldBeGreaterThan(before);
    }

    [Fact]
    public void A_stream_tick_reads_in_both_forms_with_time_in_seconds_or_milliseconds()
    {
        var (oneStep, twoStep) = Frames.ReadBothForms<UpdateStream>("updateStream", """[["EURUSD_otc",1770856131.3,1.19537]]""");
        oneStep.Ticks.Single().Price.ShouldBe(1.19537m);
        var tick = twoStep.Ticks.Single();
        tick.Symbol.ShouldBe("EURUSD_otc");
        PocketTime.ToInstant(tick.Time).ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1770856131300));
        var ms = Frames.Read<UpdateStream>("""42["updateStream",[["EURUSD_otc",1770856131300,1.19537]]]""");
        PocketTime.ToInstant(ms.Ticks.Single().Time).ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1770856131300));
    }

    [Theory]
    [InlineData("loadHistoryPeriod")]
    [InlineData("loadHistoryPeriodFast")]
    public void History_answers_read_candle_rows_under_either_name_in_both_forms(string name)
    {
        var json = """{"asset":"EURUSD_otc","index":17,"period":60,"data":[{"symbol_id":1,"time":1770856080,"open":1.1,"close":1.2,"high":1.25,"low":1.05,"volume":12}]}""";
        var (oneStep, twoStep) = Frames.ReadBothForms<HistoryPeriod>(name, json);
        oneStep.Index.ShouldBe(17);
        var row = twoStep.Data.Single();
        (row.Open, row.Close, row.High, row.Low, row.Volume, row.Price).ShouldBe((1.1m, 1.2m, 1.25m, 1.05m, 12m, (decimal?)null));
    }

    [Fact]
    public void History_answers_read_tick_rows()
    {
        var history = Frames.Read<HistoryPeriod>("""42["loadHistoryPeriodFast",{"asset":"EURUSD_otc","index":3,"period":1,"data":[{"time":1770856080.5,"price":1.1},{"time":1770856081,"price":1.2}]}]""");
        history.Data.Select(r => r.Price).ShouldBe([1.1m, 1.2m]);
        history.Data[0].Open.ShouldBeNull();
    }

    [Theory]
    [InlineData("updateHistoryNewFast")]
    [InlineData("updateHistoryNew")]
    [InlineData("updateHistory")]
    [InlineData("history")]
    public void The_changeSymbol_history_reads_ticks_and_candles_under_each_name(string name)
    {
        var json = """{"asset":"EURUSD_otc","period":60,"history":[[1770856131.3,1.19537],[1770856132,1.19538,0]],"candles":[[1770856020,1.1,1.2,1.25,1.05],[1770856080,1.2,1.3,1.35,1.15,7]]}""";
        var (oneStep, twoStep) = Frames.ReadBothForms<UpdateHistory>(name, json);
        oneStep.History!.Count.ShouldBe(2);
        twoStep.Candles!.Select(c => (c.Open, c.Close, c.High, c.Low)).ShouldBe([(1.1m, 1.2m, 1.25m, 1.05m), (1.2m, 1.3m, 1.35m, 1.15m)]);
    }
}
