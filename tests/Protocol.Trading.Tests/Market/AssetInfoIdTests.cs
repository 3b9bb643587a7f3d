using Protocol.Trading.Market;

namespace Protocol.Trading.Tests.Market;

public sealed class AssetInfoIdTests
{
    [Fact]
    public void Without_an_id_the_symbol_is_the_id()
    {
        var asset = new AssetInfo("EURUSD_otc", "EUR/USD OTC", AssetKind.Currency, 92, true, true, [TimeSpan.FromMinutes(1)]);
        asset.Id.ShouldBe("EURUSD_otc");
        (asset.MinAmount, asset.MaxAmount).ShouldBe((null, null));
        asset.ToString().ShouldBe("EURUSD_otc (currency, OTC, active, payout 92 %)");
    }

    [Fact]
    public void A_platform_id_tells_two_listings_of_one_symbol_apart()
    {
        var regular = new AssetInfo("EURUSD", "EUR/USD", AssetKind.Currency, 85, false, true, [], "142");
        var otc = new AssetInfo("EURUSD", "EUR/USD (OTC)", AssetKind.Currency, 80, true, true, [], "245");
        regular.Id.ShouldNotBe(otc.Id);
        otc.ToString().ShouldBe("EURUSD #245 (currency, OTC, active, payout 80 %)");
    }

    [Fact]
    public void Reversed_or_non_positive_stake_limits_are_refused_with_what_to_pass()
    {
        Should.Throw<ArgumentException>(() => new AssetInfo("EURUSD", "EUR/USD", AssetKind.Currency, 85, false, true, [], "142", 10m, 1m))
            .Message.ShouldContain("pass them in order");
        Should.Throw<ArgumentOutOfRangeException>(() => new AssetInfo("EURUSD", "EUR/USD", AssetKind.Currency, 85, false, true, [], "142", 0m, 1m))
            .Message.ShouldContain("must be positive");
        Should.Throw<ArgumentException>(() => new AssetInfo("EURUSD", "EUR/USD", AssetKind.Currency, 85, false, true, [], " "));
    }
}
