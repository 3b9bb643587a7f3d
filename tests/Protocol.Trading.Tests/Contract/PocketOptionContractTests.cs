using Protocol.Trading.Tests.Platforms;

namespace Protocol.Trading.Tests.Contract;

/// <summary>The contract on the PocketOption simulator.</summary>
public sealed class PocketOptionContractTests : TradingClientContract
{
    protected override Task<PlatformFixture> StartAsync(bool movingPrices = true) => PocketOptionPlatform.StartAsync(movingPrices);
}
