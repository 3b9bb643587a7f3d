using Protocol.ExpertOption.Simulator;
using Protocol.ExpertOption.Simulator.Market;
using Protocol.Testing;
using Protocol.Trading.Candles;

namespace Protocol.ExpertOption.Tests.EndToEnd;

// The simulator's market is the shared counter-based feed: what a client streams live is what any later history request
// returns for the same window, however far back, and on any simulator with the same seed.
public sealed class MarketFeedTests
{
    private static readonly TimeSpan Bar = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Live_candles_equal_the_history_of_their_window_now_and_a_year_later()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var client = await fx.ConnectedClientAsync();
        var live = await StreamAsync(fx, assetId: 142, count: 4);

        // The first bar misses the tick before the subscription; the next ones are whole.
        var whole = live.Skip(1).ToList();
        whole.Select(c => c.Time).ShouldBe([SimulatorFixture.Start + Bar, SimulatorFixture.Start + (2 * Bar), SimulatorFixture.Start + (3 * Bar)]);
        var history = await client.GetCandlesAsync(142, Bar, whole[0].Time, whole[^1].Time + Bar).WithSafetyNet(SafetyNet.NetworkLimit);
        Ohlc(history).ShouldBe(Ohlc(whole), "history read right after the live stream");

        // Another simulator with the same seed, 400 days later, answers the same for that window (a deep history request).
        await using var later = await SimulatorFixture.StartAsync(start: SimulatorFixture.Start.AddDays(400));
        var deep = await (await later.ConnectedClientAsync()).GetCandlesAsync(142, Bar, whole[0].Time, whole[^1].Time + Bar).WithSafetyNet(SafetyNet.NetworkLimit);
        Ohlc(deep).ShouldBe(Ohlc(whole), "history 400 days deep");
        whole.Select(c => c.Close).Distinct().Count().ShouldBeGreaterThan(1, "the feed moves");
    }

    [Fact]
    public async Task Another_seed_is_another_market()
    {
        await using var first = await SimulatorFixture.StartAsync();
        await using var second = await SimulatorFixture.StartAsync(o => o.Seed = 7);
        var window = (SimulatorFixture.Start.AddHours(-1), SimulatorFixture.Start);
        var a = await (await first.ConnectedClientAsync()).GetCandlesAsync(160, TimeSpan.FromMinutes(1), window.Item1, window.Item2).WithSafetyNet(SafetyNet.NetworkLimit);
        var b = await (await second.ConnectedClientAsync()).GetCandlesAsync(160, TimeSpan.FromMinutes(1), window.Item1, window.Item2).WithSafetyNet(SafetyNet.NetworkLimit);
        (a.Count, b.Count).ShouldBe((60, 60));
        Ohlc(a).ShouldNotBe(Ohlc(b));
    }

    [Fact]
    public async Task Assets_sharing_an_id_or_out_of_range_are_refused_before_the_simulator_starts()
    {
        var eurusd = SimulatedAsset.Defaults[0];
        (await Should.ThrowAsync<ArgumentException>(ExpertOptionSimulator.StartAsync(new ExpertOptionSimulatorOptions { Assets = [eurusd, eurusd with { Symbol = "EURUSD2" }] }).WithSafetyNet(SafetyNet.NetworkLimit)))
            .Message.ShouldContain("Two assets have the id 142 ('EURUSD' and 'EURUSD2'); ids are unique");
        (await Should.ThrowAsync<ArgumentException>(ExpertOptionSimulator.StartAsync(new ExpertOptionSimulatorOptions { Assets = [eurusd with { ExpirationStep = 0 }] }).WithSafetyNet(SafetyNet.NetworkLimit)))
            .Message.ShouldContain("a positive expiration step");
        (await Should.ThrowAsync<ArgumentException>(ExpertOptionSimulator.StartAsync(new ExpertOptionSimulatorOptions { Assets = [eurusd with { Precision = 11 }] }).WithSafetyNet(SafetyNet.NetworkLimit)))
            .Message.ShouldContain("precision 0..10");
    }

    private static async Task<List<Candle>> StreamAsync(SimulatorFixture fx, int assetId, int count)
    {
        var client = fx.Clients[0];
        var collected = new List<Candle>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            await foreach (var candle in client.SubscribeAsync(assetId, SubscriptionMode.TimeAligned(Bar), stop.Token))
            {
                collected.Add(candle);
                if (collected.Count == count)
                {
                    return;
                }
            }
        });
        await fx.Simulator.WhenSubscribed(assetId).WithSafetyNet(SafetyNet.NetworkLimit);

        // A tick of the bar after the last one closes it; the clock stops there.
        for (var i = 0; i < (count * 5) + 1 && !reading.IsCompleted; i++)
        {
            fx.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await reading.WithSafetyNet(SafetyNet.NetworkLimit);
        return collected;
    }

    private static List<(decimal, decimal, decimal, decimal)> Ohlc(IEnumerable<Candle> candles) => [.. candles.Select(c => (c.Open, c.High, c.Low, c.Close))];
}
