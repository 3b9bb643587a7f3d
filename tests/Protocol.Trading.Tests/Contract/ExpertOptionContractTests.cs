using Protocol.Trading.Tests.Platforms;

namespace Protocol.Trading.Tests.Contract;

/// <summary>The contract on the ExpertOption simulator.</summary>
public sealed class ExpertOptionContractTests : TradingClientContract
{
    protected override Task<PlatformFixture> StartAsync(bool movingPrices = true) => ExpertOptionPlatform.StartAsync(movingPrices);
}
