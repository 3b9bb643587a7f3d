using Protocol.Trading.Candles;
using Protocol.Trading.Capabilities;
using Protocol.Trading.Market;

namespace Protocol.Trading.Tests.Capabilities;

public sealed class TradingCapabilitiesTests
{
    private static readonly Dictionary<TradingOperation, string> NoPushes = new() { [TradingOperation.BalanceUpdates] = "no push is documented" };

    [Fact]
    public void An_unsupported_operation_throws_a_NotSupportedException_naming_it_and_saying_why()
    {
        var capabilities = new TradingCapabilities("Somewhere", NoPushes);
        capabilities.Supports(TradingOperation.BalanceUpdates).ShouldBeFalse();
        capabilities.Supported.ShouldNotContain(TradingOperation.BalanceUpdates);
        capabilities.Supported.Count.ShouldBe(Enum.GetValues<TradingOperation>().Length - 1);

        var error = Should.Throw<NotSupportedByPlatformException>(() => capabilities.EnsureSupported(TradingOperation.BalanceUpdates));
        error.ShouldBeAssignableTo<NotSupportedException>();
        (error.Platform, error.Capability, error.Reason).ShouldBe(("Somewhere", TradingOperation.BalanceUpdates, "no push is documented"));
        error.Message.ShouldContain("Somewhere does not support BalanceUpdates: no push is documented");
        error.Message.ShouldContain("Capabilities.Supports(TradingOperation.BalanceUpdates)");
        Should.NotThrow(() => capabilities.EnsureSupported(TradingOperation.Buy));
    }

    [Fact]
    public void A_mode_outside_the_declared_ones_is_refused_as_an_unsupported_candle_stream()
    {
        var capabilities = new TradingCapabilities("Somewhere") { SubscriptionModes = [SubscriptionModeKind.None, SubscriptionModeKind.TimeAligned] };
        capabilities.Supports(SubscriptionMode.TimeAligned(TimeSpan.FromMinutes(1))).ShouldBeTrue();
        capabilities.Supports(SubscriptionMode.Chunk(5)).ShouldBeFalse();
        var error = Should.Throw<NotSupportedByPlatformException>(() => capabilities.EnsureSupported(SubscriptionMode.Chunk(5)));
        error.Capability.ShouldBe(TradingOperation.CandleStream);
        error.Reason.ShouldContain("chunk(5)");
    }

    [Fact]
    public void An_unsupported_operation_without_a_reason_is_refused()
    {
        var error = Should.Throw<ArgumentException>(() => new TradingCapabilities("Somewhere", new Dictionary<TradingOperation, string> { [TradingOperation.Sell] = " " }));
        error.Message.ShouldContain("Say why Somewhere does not support Sell");
    }

    [Fact]
    public void Stake_limits_are_the_assets_own_before_the_platforms()
    {
        var capabilities = new TradingCapabilities("Somewhere") { MinAmount = 1m, MaxAmount = 20_000m };
        var perAsset = new AssetInfo("EURUSD", "EUR/USD", AssetKind.Currency, 85, false, true, [TimeSpan.FromMinutes(1)], "142", 5m, 1_000m);
        var global = new AssetInfo("EURUSD_otc", "EUR/USD OTC", AssetKind.Currency, 92, true, true, [TimeSpan.FromMinutes(1)]);
        capabilities.AmountLimits(perAsset).ShouldBe((5m, 1_000m));
        capabilities.AmountLimits(global).ShouldBe((1m, 20_000m));
        capabilities.ToString().ShouldBe("Somewhere: every operation");
        new TradingCapabilities("Somewhere", NoPushes).ToString().ShouldBe("Somewhere: all but BalanceUpdates");
    }
}
