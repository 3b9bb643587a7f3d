using Protocol.Trading.Market;
using Protocol.Trading.Trades;

namespace Protocol.PocketOption.Tests.Market;

public sealed class AssetInfoTests
{
    private static AssetInfo Eurusd(params int[] expirySeconds)
        => new("EURUSD_otc", "EUR/USD OTC", AssetKind.Currency, 92, isOtc: true, isActive: true, expirySeconds.Select(s => TimeSpan.FromSeconds(s)));

    [Fact]
    public void Expiries_are_sorted_without_duplicates_and_checked_exactly()
    {
        var asset = Eurusd(300, 60, 60, 5);

        asset.AllowedExpiries.ShouldBe([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(300)]);
        asset.IsExpiryAllowed(TimeSpan.FromMinutes(1)).ShouldBeTrue();
        asset.IsExpiryAllowed(TimeSpan.FromSeconds(61)).ShouldBeFalse();
        asset.ToString().ShouldBe("EURUSD_otc (currency, OTC, active, payout 92 %)");
    }

    [Fact]
    public void A_payout_outside_0_to_1000_percent_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new AssetInfo("X", "X", AssetKind.Stock, -1, false, true, []))
            .Message.ShouldContain("percentage of the stake");
        Should.Throw<ArgumentOutOfRangeException>(() => new AssetInfo("X", "X", AssetKind.Stock, 1001, false, true, []));
    }

    [Fact]
    public void An_empty_symbol_or_a_non_positive_expiry_is_refused()
    {
        Should.Throw<ArgumentException>(() => new AssetInfo(" ", "X", AssetKind.Stock, 80, false, true, []));
        Should.Throw<ArgumentException>(() => Eurusd(0, 60)).Message.ShouldContain("positive");
    }

    [Theory]
    [InlineData("0.87", TradeOutcome.Win)]
    [InlineData("-1", TradeOutcome.Loss)]
    [InlineData("0", TradeOutcome.Draw)]
    public void A_result_follows_the_sign_of_the_net_profit(string profit, TradeOutcome outcome)
        => TradeResult.FromProfit(decimal.Parse(profit, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(new TradeResult(outcome, decimal.Parse(profit, System.Globalization.CultureInfo.InvariantCulture)));
}
