using CsCheck;
using Protocol.Tests.Properties;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Tests.Candles;

/// <summary>The aggregator against a batch model of the rules: split the whole tick sequence into groups, then summarise.</summary>
public sealed class CandleAggregatorProperties
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_547_200);

    private static readonly int[] DivisorsOfADay = [1, 2, 3, 5, 10, 15, 30, 60, 120, 300, 3600];

    // Steps of 0 to 40 s, mostly whole seconds so ticks land exactly on window ends (the boundary cases), some in ms;
    // repeats and gaps included; prices with 3 decimals.
    private static readonly Gen<int> StepMs = Gen.Frequency((3, Gen.Int[0, 40].Select(s => s * 1000)), (1, Gen.Int[0, 40_000]));

    private static readonly Gen<PriceTick[]> Ticks =
        Gen.Select(StepMs, Gen.Int[1, 99_999]).Array[0, 120].Select(steps =>
        {
            var ticks = new PriceTick[steps.Length];
            var time = Start;
            for (var i = 0; i < steps.Length; i++)
            {
                time = time.AddMilliseconds(steps[i].Item1);
                ticks[i] = new PriceTick(time, steps[i].Item2 / 1000m);
            }
            return ticks;
        });

    private static readonly Gen<SubscriptionMode> Modes = Gen.OneOf(
        Gen.Const(SubscriptionMode.None),
        Gen.Int[1, 8].Select(SubscriptionMode.Chunk),
        Gen.Frequency((3, Gen.Int[1, 90].Select(s => s * 1000)), (1, Gen.Int[1, 90_000])).Select(ms => SubscriptionMode.Time(TimeSpan.FromMilliseconds(ms))),
        Gen.Int[0, DivisorsOfADay.Length - 1].Select(i => SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(DivisorsOfADay[i]))));

    [Fact]
    public void The_aggregator_emits_what_the_model_of_the_rules_emits()
        => Property.ForAll(Gen.Select(Modes, Ticks), "0000000pocketc", 3_000, Check,
            c => $"{c.Item1} over {c.Item2.Length} ticks: " + string.Join(", ", c.Item2.Select(t => $"{(t.Time - Start).TotalSeconds}s={t.Price}")));

    private static void Check((SubscriptionMode Mode, PriceTick[] Ticks) c)
    {
        var aggregator = new CandleAggregator(c.Mode);
        var emitted = new List<Candle>();
        foreach (var tick in c.Ticks)
        {
            if (aggregator.TryAdd(tick, out var candle)) emitted.Add(candle);
        }
        var hasPartial = aggregator.TryGetPartial(out var partial);

        var (expected, expectedPartial) = Model(c.Mode, c.Ticks);

        emitted.ShouldBe(expected);
        hasPartial.ShouldBe(expectedPartial is not null);
        if (expectedPartial is { } p) partial.ShouldBe(p);
    }

    // Each group is a run of consecutive ticks; all but possibly the last are closed.
    private static (List<Candle> Closed, Candle? Partial) Model(SubscriptionMode mode, PriceTick[] ticks)
    {
        var closed = new List<Candle>();
        Candle? partial = null;
        var i = 0;
        while (i < ticks.Length)
        {
            int end; // exclusive
            bool complete;
            switch (mode.Kind)
            {
                case SubscriptionModeKind.Chunk:
                    end = Math.Min(i + mode.ChunkSize, ticks.Length);
                    complete = end - i == mode.ChunkSize;
                    break;
                case SubscriptionModeKind.Time:
                    // Closes on the first later tick at least d after the group's first, which is in the group.
                    end = i + 1;
                    while (end < ticks.Length && ticks[end].Time - ticks[i].Time < mode.Period) end++;
                    complete = end < ticks.Length;
                    if (complete) end++;
                    break;
                case SubscriptionModeKind.TimeAligned:
                    // Same window (floor of seconds since the epoch over d); closed once a later window's tick arrives.
                    end = i + 1;
                    while (end < ticks.Length && Window(ticks[end], mode.Period) == Window(ticks[i], mode.Period)) end++;
                    complete = end < ticks.Length;
                    break;
                default:
                    end = i + 1;
                    complete = true;
                    break;
            }
            var group = ticks[i..end];
            var time = mode.Kind == SubscriptionModeKind.TimeAligned
                ? DateTimeOffset.UnixEpoch.AddTicks(Window(group[0], mode.Period) * mode.Period.Ticks)
                : group[0].Time;
            var candle = new Candle(time, group[0].Price, group.Max(t => t.Price), group.Min(t => t.Price), group[^1].Price);
            if (complete) closed.Add(candle);
            else partial = candle;
            i = end;
        }
        return (closed, partial);
    }

    private static long Window(PriceTick tick, TimeSpan period) => (tick.Time - DateTimeOffset.UnixEpoch).Ticks / period.Ticks;
}
