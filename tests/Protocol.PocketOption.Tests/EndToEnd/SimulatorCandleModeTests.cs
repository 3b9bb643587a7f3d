using Protocol.PocketOption.Market;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Tests.EndToEnd;

// Issue #12: all four candle modes against the simulator's feed, each checked against the feed's own ticks aggregated by a
// small reference written here (not the production aggregator); and #11's backfill after a drop, checked against the feed.
public sealed class SimulatorCandleModeTests
{
    private const string Asset = "EURUSD_otc"; // a tick every 500 ms
    private static readonly TimeSpan Net = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, 200, TimeSpan.Zero);

    [Fact]
    public async Task None_chunk_time_and_time_aligned_candles_match_the_feeds_ticks_aggregated_by_a_reference()
    {
        await using var h = await SimulatorHarness.StartAsync(Start);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        var modes = new[]
        {
            SubscriptionMode.None,
            SubscriptionMode.Chunk(3),
            SubscriptionMode.Time(TimeSpan.FromSeconds(2)),
            SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5)),
        };
        var subscriptions = new List<CandleSubscription>();
        foreach (var mode in modes)
        {
            subscriptions.Add(await h.Client.SubscribeAsync(Asset, mode).WithSafetyNet(Net));
        }

        await h.SyncAsync();
        var from = h.Clock.GetUtcNow();
        h.Advance(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(500));

        // What the client was sent: the feed's ticks after subfor, up to the clock's now.
        var ticks = h.Simulator.Feed.Ticks(Asset, from, h.Clock.GetUtcNow()).ToList();
        ticks.Count.ShouldBe(40);
        foreach (var (mode, subscription) in modes.Zip(subscriptions))
        {
            var expected = Reference(mode, ticks);
            expected.Count.ShouldBeGreaterThan(3, mode.ToString());
            await using var items = subscription.GetAsyncEnumerator();
            var actual = new List<Candle>();
            while (actual.Count < expected.Count)
            {
                (await items.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue(mode.ToString());
                actual.Add(items.Current);
            }

            actual.ShouldBe(expected, mode.ToString());
            await subscription.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_a_drop_a_backfilling_subscription_yields_the_gaps_candles_from_history_then_live_ones_without_overlap()
    {
        // A reconnect delay of 8 s or more, so the gap holds whole 5 s windows.
        await using var h = await SimulatorHarness.StartAsync(Start, configureClient: o => o.Reconnect.Base = TimeSpan.FromSeconds(10));
        var states = new StateRecorder<PocketOptionState>(h.Client.Client);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        var period = TimeSpan.FromSeconds(5);
        await using var candles = await h.Client.SubscribeAsync(Asset, SubscriptionMode.TimeAligned(period), new CandleSubscriptionOptions { BackfillOnResume = true }).WithSafetyNet(Net);
        await using var items = candles.ReadWithOriginAsync().GetAsyncEnumerator();
        await h.SyncAsync();
        h.Advance(TimeSpan.FromSeconds(11), TimeSpan.FromMilliseconds(500));   // live windows [0, 5) and [5, 10) close
        var read = new List<SubscribedCandle>();
        for (var i = 0; i < 2; i++)
        {
            (await items.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
            read.Add(items.Current);
        }

        var droppedAt = h.Clock.GetUtcNow();
        await h.Simulator.DisconnectAllAsync(closeSession: true).WithSafetyNet(Net);
        var reconnecting = await states.NextAsync(ConnectionState.Reconnecting, Net);
        h.Clock.Advance(reconnecting.Delay);
        await states.NextAsync(ConnectionState.Ready, Net);
        await h.SyncAsync();
        h.Advance(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));

        // Read until the first live candle of the new session.
        do
        {
            (await items.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
            read.Add(items.Current);
        }
        while (read[^1].IsBackfill || read.Count <= 2);

        var noon = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        read.Take(2).ShouldAllBe(c => !c.IsBackfill);
        var backfill = read.Skip(2).SkipLast(1).ToList();
        backfill.ShouldNotBeEmpty("the reconnect took more than one window");
        backfill.ShouldAllBe(c => c.IsBackfill);
        candles.BackfilledCount.ShouldBe(backfill.Count);
        foreach (var item in backfill)
        {
            item.Candle.ShouldBe(h.Simulator.Feed.CandleAt(Asset, item.Candle.Time, period), "a backfilled candle is the feed's whole window");
        }

        // One candle per window, oldest first, from noon to the first live window of the new session: none twice, no hole.
        read.Select(c => c.Candle.Time).ShouldBe(Enumerable.Range(0, read.Count).Select(i => noon + (i * period)));
        read[^1].Candle.Time.ShouldBeGreaterThan(droppedAt, "the first live window after the gap is one of the new session");
    }

    // The rules of §5 written out plainly over a finished list of ticks (only completed candles).
    private static List<Candle> Reference(SubscriptionMode mode, List<PriceTick> ticks)
    {
        static Candle Of(DateTimeOffset time, IReadOnlyCollection<PriceTick> group)
            => new(time, group.First().Price, group.Max(t => t.Price), group.Min(t => t.Price), group.Last().Price);

        var result = new List<Candle>();
        switch (mode.Kind)
        {
            case SubscriptionModeKind.None:
                result.AddRange(ticks.Select(t => new Candle(t.Time, t.Price, t.Price, t.Price, t.Price)));
                break;
            case SubscriptionModeKind.Chunk:
                result.AddRange(ticks.Chunk(mode.ChunkSize).Where(c => c.Length == mode.ChunkSize).Select(c => Of(c[0].Time, c)));
                break;
            case SubscriptionModeKind.Time:
                var group = new List<PriceTick>();
                foreach (var tick in ticks)
                {
                    group.Add(tick);
                    if (tick.Time - group[0].Time >= mode.Period)
                    {
                        result.Add(Of(group[0].Time, group));
                        group.Clear();
                    }
                }

                break;
            default:
                var windows = ticks.GroupBy(t => new DateTimeOffset(t.Time.UtcTicks - (t.Time.UtcTicks % mode.Period.Ticks), TimeSpan.Zero)).ToList();
                result.AddRange(windows.SkipLast(1).Select(w => Of(w.Key, [.. w])));   // the last window has no later tick yet
                break;
        }

        return result;
    }
}
