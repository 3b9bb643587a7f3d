using Protocol.Testing;
using Protocol.Tests.Allocations;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Tests.Candles;

public sealed class CandleAggregatorTests
{
    // 2025-12-01 00:00:00 UTC: a minute boundary.
    private static readonly DateTimeOffset Midnight = DateTimeOffset.FromUnixTimeSeconds(1_764_547_200);

    private static PriceTick At(double seconds, decimal price) => new(Midnight.AddSeconds(seconds), price);

    private static List<Candle> Feed(CandleAggregator aggregator, params PriceTick[] ticks)
    {
        var emitted = new List<Candle>();
        foreach (var tick in ticks)
        {
            if (aggregator.TryAdd(tick, out var candle)) emitted.Add(candle);
        }
        return emitted;
    }

    private static Candle C(double seconds, decimal open, decimal high, decimal low, decimal close)
        => new(Midnight.AddSeconds(seconds), open, high, low, close);

    [Fact]
    public void None_emits_every_tick_as_its_own_candle()
    {
        var aggregator = new CandleAggregator(SubscriptionMode.None);

        Feed(aggregator, At(0.5, 1.1m), At(0.7, 1.3m)).ShouldBe([C(0.5, 1.1m, 1.1m, 1.1m, 1.1m), C(0.7, 1.3m, 1.3m, 1.3m, 1.3m)]);
        aggregator.TryGetPartial(out _).ShouldBeFalse();
    }

    [Fact]
    public void Chunk_emits_on_the_nth_tick_and_keeps_the_rest_partial()
    {
        var aggregator = new CandleAggregator(SubscriptionMode.Chunk(3));

        var emitted = Feed(aggregator, At(1, 5m), At(2, 7m), At(3, 4m), At(4, 6m), At(5, 6.5m), At(6, 6.2m), At(7, 9m));

        emitted.ShouldBe([C(1, 5m, 7m, 4m, 4m), C(4, 6m, 6.5m, 6m, 6.2m)]);
        aggregator.TryGetPartial(out var partial).ShouldBeTrue();
        partial.ShouldBe(C(7, 9m, 9m, 9m, 9m));
    }

    [Fact]
    public void Chunk_of_one_emits_every_tick()
        => Feed(new CandleAggregator(SubscriptionMode.Chunk(1)), At(1, 5m), At(2, 7m)).ShouldBe([C(1, 5m, 5m, 5m, 5m), C(2, 7m, 7m, 7m, 7m)]);

    [Fact]
    public void Time_closes_on_the_first_tick_at_least_d_after_the_first_and_that_tick_belongs_to_the_closed_candle()
    {
        var aggregator = new CandleAggregator(SubscriptionMode.Time(TimeSpan.FromSeconds(10)));

        Feed(aggregator, At(3, 5m)).ShouldBeEmpty(); // the first tick only starts the candle
        Feed(aggregator, At(8, 6m), At(12.9, 4m)).ShouldBeEmpty();
        Feed(aggregator, At(13, 8m)).ShouldBe([C(3, 5m, 8m, 4m, 8m)]); // exactly d after the first: closes, included
        aggregator.TryGetPartial(out _).ShouldBeFalse();
        Feed(aggregator, At(14, 7m)).ShouldBeEmpty(); // the next tick starts a new candle
        aggregator.TryGetPartial(out var partial).ShouldBeTrue();
        partial.ShouldBe(C(14, 7m, 7m, 7m, 7m));
    }

    [Fact]
    public void Time_after_a_gap_closes_the_candle_with_the_late_tick_in_it()
        => Feed(new CandleAggregator(SubscriptionMode.Time(TimeSpan.FromSeconds(10))), At(0, 5m), At(100, 9m), At(101, 1m))
            .ShouldBe([C(0, 5m, 9m, 5m, 9m)]);

    [Fact]
    public void Time_aligned_windows_start_at_multiples_of_d_and_the_closing_tick_opens_the_next_candle()
    {
        var aggregator = new CandleAggregator(SubscriptionMode.TimeAligned(TimeSpan.FromMinutes(1)));

        Feed(aggregator, At(70, 5m), At(100, 7m), At(119.999, 4m)).ShouldBeEmpty();
        aggregator.TryGetPartial(out var partial).ShouldBeTrue();
        partial.ShouldBe(C(60, 5m, 7m, 4m, 4m)); // the window's start, not the first tick's time

        Feed(aggregator, At(120, 6m)).ShouldBe([C(60, 5m, 7m, 4m, 4m)]);
        aggregator.TryGetPartial(out partial).ShouldBeTrue();
        partial.ShouldBe(C(120, 6m, 6m, 6m, 6m));
    }

    [Fact]
    public void Time_aligned_skips_windows_without_ticks_and_emits_no_empty_candle()
    {
        var aggregator = new CandleAggregator(SubscriptionMode.TimeAligned(TimeSpan.FromMinutes(1)));

        var emitted = Feed(aggregator, At(10, 5m), At(250, 6m), At(260, 8m), At(301, 7m));

        emitted.ShouldBe([C(0, 5m, 5m, 5m, 5m), C(240, 6m, 8m, 6m, 8m)]);
        aggregator.TryGetPartial(out var partial).ShouldBeTrue();
        partial.ShouldBe(C(300, 7m, 7m, 7m, 7m));
    }

    [Fact]
    public void Time_aligned_windows_are_counted_in_utc_whatever_the_ticks_offset()
    {
        var aggregator = new CandleAggregator(SubscriptionMode.TimeAligned(TimeSpan.FromHours(4)));
        var local = new DateTimeOffset(2025, 12, 1, 5, 30, 0, TimeSpan.FromHours(5.5)); // 00:00 UTC

        aggregator.TryAdd(new PriceTick(local.AddHours(1), 1m), out _).ShouldBeFalse();
        aggregator.TryGetPartial(out var partial).ShouldBeTrue();
        partial.Time.ShouldBe(Midnight);
        partial.Time.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Time_aligned_before_1970_floors_to_the_window_that_contains_the_tick()
    {
        var aggregator = new CandleAggregator(SubscriptionMode.TimeAligned(TimeSpan.FromMinutes(1)));

        aggregator.TryAdd(new PriceTick(DateTimeOffset.UnixEpoch.AddSeconds(-30), 1m), out _);
        aggregator.TryGetPartial(out var partial).ShouldBeTrue();
        partial.Time.ShouldBe(DateTimeOffset.UnixEpoch.AddMinutes(-1));
    }

    [Fact]
    public void A_tick_earlier_than_the_candle_joins_the_candle_in_progress()
    {
        var aggregator = new CandleAggregator(SubscriptionMode.TimeAligned(TimeSpan.FromMinutes(1)));

        Feed(aggregator, At(70, 5m), At(30, 9m)).ShouldBeEmpty();
        aggregator.TryGetPartial(out var partial).ShouldBeTrue();
        partial.ShouldBe(C(60, 5m, 9m, 5m, 9m));
    }

    [Fact]
    public void Reset_drops_the_candle_in_progress()
    {
        var aggregator = new CandleAggregator(SubscriptionMode.Chunk(2));
        Feed(aggregator, At(1, 5m));

        aggregator.Reset();

        aggregator.TryGetPartial(out _).ShouldBeFalse();
        Feed(aggregator, At(2, 6m), At(3, 7m)).ShouldBe([C(2, 6m, 7m, 6m, 7m)]);
    }

    [Fact]
    public async Task Adding_ticks_allocates_nothing()
    {
        SubscriptionMode[] modes =
        [
            SubscriptionMode.None, SubscriptionMode.Chunk(4), SubscriptionMode.Time(TimeSpan.FromSeconds(3)),
            SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5)),
        ];
        foreach (var mode in modes)
        {
            var aggregator = new CandleAggregator(mode);
            var emitted = 0;
            var ticks = 0;
            // Each round goes on where the last one stopped: a round replaying the same times would only feed stale ticks.
            var rounds = await AllocationRounds.MeasureAsync(() => emitted = Run(aggregator, ref ticks, 2_000), 5).WithSafetyNet(AllocationRounds.Limit);
            rounds.Min().ShouldBe(0, $"mode {mode} allocated in every round of 2000 ticks (bytes per round: {AllocationRounds.Describe(rounds)})");
            emitted.ShouldBeGreaterThan(0, $"mode {mode} emitted no candle in the last round");
        }

        static int Run(CandleAggregator aggregator, ref int ticks, int count)
        {
            var emitted = 0;
            for (var end = ticks + count; ticks < end; ticks++)
            {
                var i = ticks;
                if (aggregator.TryAdd(new PriceTick(Midnight.AddMilliseconds(i * 700), 1m + (i % 13) / 100m), out _)) emitted++;
                aggregator.TryGetPartial(out _);
            }
            return emitted;
        }
    }
}
