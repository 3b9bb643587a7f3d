using Protocol.ExpertOption.Regions;

namespace Protocol.ExpertOption.Tests.Regions;

public sealed class RegionsTests
{
    [Fact]
    public void The_five_gateways_of_the_fact_sheet_come_from_the_regions_file()
    {
        ExpertOptionRegions.All.Select(r => r.Name).ShouldBe(["EUROPE", "INDIA", "HONG_KONG", "SINGAPORE", "UNITED_STATES"]);
        ExpertOptionRegions.All.ShouldAllBe(r => r.Url.StartsWith("wss://fr24g1", StringComparison.Ordinal) && r.Url.EndsWith(".expertoption.finance/ws/v40", StringComparison.Ordinal));
    }
}
