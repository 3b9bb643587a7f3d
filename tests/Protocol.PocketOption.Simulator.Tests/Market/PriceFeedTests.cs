using Protocol.PocketOption.Simulator.Market;
using Protocol.Trading.Market;

namespace Protocol.PocketOption.Simulator.Tests.Market;

public sealed class PriceFeedTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_gives_the_same_market_and_another_seed_another()
    {
        var a = new PriceFeed(DefaultAssets.All, seed: 7);
        var b = new PriceFeed(DefaultAssets.All, seed: 7);
        var c = new PriceFeed(DefaultAssets.All, seed: 8);

        var times = Enumerable.Range(0, 200).Select(i => Noon.AddSeconds(i * 37)).ToArray();
        times.Select(t => a.PriceAt("EURUSD_otc", t)).ShouldBe(times.Select(t => b.PriceAt("EURUSD_otc", t)));
        times.Select(t => a.PriceAt("EURUSD_otc", t)).ShouldNotBe(times.Select(t => c.PriceAt("EURUSD_otc", t)));
    }

    [Fact]
    public void History_at_any_depth_agrees_with_the_live_ticks()
    {
        var feed = new PriceFeed(DefaultAssets.All);
        var monthAgo = Noon.AddDays(-30);

        // A tick read "live" (as of its own instant) equals the same tick read later as history, whatever order they are asked in.
        var history = feed.Ticks("GBPUSD_otc", monthAgo, monthAgo.AddMinutes(2)).ToList();
        history.Count.ShouldBe(240, "GBPUSD_otc ticks every 500 ms");
        foreach (var tick in history.AsEnumerable().Reverse())
        {
            feed.TickAt("GBPUSD_otc", tick.Time).ShouldBe(tick);
            feed.PriceAt("GBPUSD_otc", tick.Time.AddMilliseconds(499)).ShouldBe(tick.Price, "a price holds until the next tick");
        }

        var candle = feed.CandleAt("GBPUSD_otc", monthAgo, TimeSpan.FromMinutes(1));
        candle.Volume.ShouldBe(120m);
        candle.Open.ShouldBe(history[0].Price);
        candle.Close.ShouldBe(history[119].Price);
        candle.High.ShouldBe(history.Take(120).Max(t => t.Price));
        candle.Low.ShouldBe(history.Take(120).Min(t => t.Price));
    }

    [Fact]
    public void Prices_have_the_asset_precision_so_equal_open_and_close_prices_happen()
    {
        var feed = new PriceFeed(DefaultAssets.All);
        var day = Enumerable.Range(0, 1440).Select(m => feed.CandleAt("EURUSD_otc", Noon.AddMinutes(m), TimeSpan.FromMinutes(1))).ToList();

        day.ShouldAllBe(c => c.Open.Scale <= 5 && c.Close.Scale <= 5 && c.High.Scale <= 5 && c.Low.Scale <= 5);
        day.Count(c => c.Open == c.Close).ShouldBeGreaterThan(0, "a rounded price must sometimes close where it opened (a draw)");
        day.Count(c => c.Close > c.Open).ShouldBeGreaterThan(300);
        day.Count(c => c.Close < c.Open).ShouldBeGreaterThan(300);
        ((int)feed.PriceAt("USDJPY_otc", Noon).Scale).ShouldBeLessThanOrEqualTo(3);
    }

    [Fact]
    public void Prices_wander_like_a_market_and_stay_near_their_base()
    {
        var feed = new PriceFeed(DefaultAssets.All);
        feed.TryGetAsset("EURUSD_otc", out var asset).ShouldBeTrue();
        var hourly = Enumerable.Range(0, 24 * 60).Select(h => feed.PriceAt("EURUSD_otc", Noon.AddHours(h))).ToList();

        hourly.ShouldAllBe(p => p > asset.BasePrice * 0.8m && p < asset.BasePrice * 1.2m);
        (hourly.Max() - hourly.Min()).ShouldBeGreaterThan(0.005m, "two months of a currency pair move more than 50 pips");
        hourly.Distinct().Count().ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void A_scripted_price_replaces_the_feed_at_that_tick_only()
    {
        var feed = new PriceFeed(DefaultAssets.All);
        var before = feed.PriceAt("EURUSD_otc", Noon.AddSeconds(1));

        feed.Script("EURUSD_otc", Noon, 1.234567m);

        feed.PriceAt("EURUSD_otc", Noon).ShouldBe(1.23457m, "rounded to the asset's 5 decimals");
        feed.PriceAt("EURUSD_otc", Noon.AddMilliseconds(499)).ShouldBe(1.23457m);
        feed.PriceAt("EURUSD_otc", Noon.AddSeconds(1)).ShouldBe(before);
        feed.CandleAt("EURUSD_otc", Noon, TimeSpan.FromSeconds(5)).Open.ShouldBe(1.23457m);
    }

    [Fact]
    public void Bad_input_is_refused_with_what_to_do()
    {
        var feed = new PriceFeed(DefaultAssets.All);
        Should.Throw<KeyNotFoundException>(() => feed.PriceAt("NOPE", Noon)).Message.ShouldContain("PriceFeed.Assets");
        Should.Throw<ArgumentOutOfRangeException>(() => feed.CandleAt("EURUSD_otc", Noon, TimeSpan.FromMilliseconds(100)));
        Should.Throw<ArgumentException>(() => new PriceFeed([DefaultAssets.All[0], DefaultAssets.All[0]])).Message.ShouldContain("unique");
        Should.Throw<ArgumentException>(() => new PriceFeed([DefaultAssets.All[0] with { Precision = -1 }]));
        Should.Throw<ArgumentException>(() => new PriceFeed([DefaultAssets.All[0] with { Kind = AssetKind.Unknown }])).Message.ShouldContain("kind Unknown");
    }

    [Fact]
    public void The_default_market_has_every_kind_and_an_inactive_asset()
    {
        DefaultAssets.All.Select(a => a.Kind).Distinct().Count().ShouldBe(Enum.GetValues<AssetKind>().Length - 1, "every kind but Unknown");
        DefaultAssets.All.ShouldContain(a => !a.IsActive);
        DefaultAssets.All.ShouldContain(a => a.IsOtc);
        DefaultAssets.All.ShouldContain(a => !a.IsOtc);
        DefaultAssets.All.Select(a => a.Id).ShouldBeUnique();
    }
}
