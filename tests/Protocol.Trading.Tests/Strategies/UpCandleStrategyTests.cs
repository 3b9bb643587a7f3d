using Protocol.Testing;
using Protocol.Trading.Tests.Contract;
using Protocol.Trading.Tests.Platforms;
using Protocol.Trading.Trades;

namespace Protocol.Trading.Tests.Strategies;

// The README's strategy, written once against ITradingClient, run unchanged on both simulators.
public sealed class UpCandleStrategyTests
{
    public static TheoryData<string> Platforms => ["PocketOption", "ExpertOption"];

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task The_readme_strategy_trades_after_an_up_candle_on_each_simulator(string platform)
    {
        await using var fx = platform == "PocketOption" ? await PocketOptionPlatform.StartAsync(movingPrices: true) : await ExpertOptionPlatform.StartAsync(movingPrices: true);
        await fx.Client.ConnectAsync().WithSafetyNet(PlatformFixture.Net);
        var payout = (await fx.Client.GetAssetsAsync().WithSafetyNet(PlatformFixture.Net)).Single(a => a.Id == fx.TradeAssetId).Payout;

        var run = UpCandleStrategy.RunAsync(fx.Client, fx.TradeAssetId, 10m);
        await fx.WhenStreamingAsync(fx.TradeAssetId);
        var (signal, trade, result) = await fx.DriveAsync(run, TimeSpan.FromMinutes(10));

        signal.Close.ShouldBeGreaterThan(signal.Open);
        (trade.Platform, trade.AssetId, trade.Direction, trade.Amount).ShouldBe((platform, fx.TradeAssetId, TradeDirection.Buy, 10m));
        trade.OpenedAt.ShouldBeGreaterThanOrEqualTo(signal.Time + TimeSpan.FromSeconds(5), "the trade follows the completed candle");
        result.Profit.ShouldBe(result.Outcome switch
        {
            TradeOutcome.Win => Math.Round(10m * payout / 100m, 2),
            TradeOutcome.Loss => -10m,
            _ => 0m,
        });
    }

    [Fact]
    public void The_readme_shows_this_strategy_word_for_word()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Protocol.Trading.Tests", "Strategies", "UpCandleStrategy.cs")).ReplaceLineEndings("\n");
        var start = source.IndexOf("// <readme>\n", StringComparison.Ordinal) + "// <readme>\n".Length;
        var end = source.LastIndexOf("    // </readme>", StringComparison.Ordinal);
        var lines = source[start..end].TrimEnd('\n').Split('\n');

        // The README shows the method without the class around it: one level of indentation less.
        var shown = string.Join('\n', lines.Select(l => l.StartsWith("    ", StringComparison.Ordinal) ? l[4..] : l));
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        readme.ShouldContain(shown);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Protocol.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Protocol.sln above {AppContext.BaseDirectory}: run the tests from the repository's build output.");
    }
}
