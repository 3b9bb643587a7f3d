using System.Globalization;

namespace Protocol.Trading.Candles;

/// <summary>
/// How a candle subscription turns ticks into candles: <see cref="None"/> (every tick), <see cref="Chunk"/> (n ticks),
/// <see cref="Time"/> (a window of d from the candle's first tick) or <see cref="TimeAligned"/> (windows of d aligned to
/// multiples of d since midnight UTC). <see cref="CandleAggregator"/> applies it. The default value is <see cref="None"/>.
/// </summary>
/// <example><code>
/// var mode = SubscriptionMode.TimeAligned(TimeSpan.FromMinutes(1)); // M1 candles on minute boundaries
/// </code></example>
public readonly record struct SubscriptionMode
{
    private SubscriptionMode(SubscriptionModeKind kind, int chunkSize, TimeSpan period)
    {
        Kind = kind;
        ChunkSize = chunkSize;
        Period = period;
    }

    /// <summary>Which of the four modes this is.</summary>
    public SubscriptionModeKind Kind { get; }

    /// <summary>Ticks per candle for <see cref="SubscriptionModeKind.Chunk"/>; 0 for the other modes.</summary>
    public int ChunkSize { get; }

    /// <summary>The window for <see cref="SubscriptionModeKind.Time"/> and <see cref="SubscriptionModeKind.TimeAligned"/>; zero for the others.</summary>
    public TimeSpan Period { get; }

    /// <summary>Every tick is emitted at once as its own candle (open = high = low = close = the price).</summary>
    public static SubscriptionMode None => default;

    /// <summary>Every <paramref name="size"/> ticks make one candle, emitted on its last tick.</summary>
    /// <param name="size">Ticks per candle, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 1.</exception>
    public static SubscriptionMode Chunk(int size)
    {
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size,
                "A chunk subscription needs at least 1 tick per candle; pass a size of 1 or more (1 emits every tick, like SubscriptionMode.None).");
        }
        return new SubscriptionMode(SubscriptionModeKind.Chunk, size, TimeSpan.Zero);
    }

    /// <summary>
    /// Candles cover a window of <paramref name="period"/> starting at their first tick: the first tick at or after the
    /// window's end still belongs to it and closes it, and the next tick starts a new candle.
    /// </summary>
    /// <param name="period">The window, greater than zero.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is zero or negative.</exception>
    public static SubscriptionMode Time(TimeSpan period)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                "A time subscription needs a window longer than zero; pass a positive period such as TimeSpan.FromSeconds(30).");
        }
        return new SubscriptionMode(SubscriptionModeKind.Time, 0, period);
    }

    /// <summary>
    /// Candles cover the windows [k·<paramref name="period"/>, (k+1)·<paramref name="period"/>) counted from midnight UTC:
    /// a candle is emitted when the first tick of a later window arrives, and that tick opens the next candle. Windows
    /// without ticks produce no candle.
    /// </summary>
    /// <param name="period">The window, greater than zero and dividing a day exactly (1 s, 5 s, 15 s, 30 s, 1 min, 5 min, 1 h, …).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is zero, negative or does not divide a day.</exception>
    public static SubscriptionMode TimeAligned(TimeSpan period)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                "A time-aligned subscription needs a window longer than zero; pass a period that divides a day, such as TimeSpan.FromMinutes(1).");
        }
        if (TimeSpan.TicksPerDay % period.Ticks != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"A time-aligned subscription needs a window that divides a day exactly so every window starts at the same time each day; {period} does not. " +
                "Pass one that does, such as 5 s, 15 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h or 4 h, or use SubscriptionMode.Time for an unaligned window.");
        }
        return new SubscriptionMode(SubscriptionModeKind.TimeAligned, 0, period);
    }

    /// <summary>The window of a time or time-aligned mode; null for none and chunk.</summary>
    public TimeSpan? WindowPeriod => Kind is SubscriptionModeKind.Time or SubscriptionModeKind.TimeAligned ? Period : null;

    /// <summary>The mode as code would write it, e.g. <c>chunk(5)</c> or <c>time-aligned(00:01:00)</c>.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => Kind switch
    {
        SubscriptionModeKind.Chunk => string.Create(CultureInfo.InvariantCulture, $"chunk({ChunkSize})"),
        SubscriptionModeKind.Time => string.Create(CultureInfo.InvariantCulture, $"time({Period})"),
        SubscriptionModeKind.TimeAligned => string.Create(CultureInfo.InvariantCulture, $"time-aligned({Period})"),
        _ => "none",
    };
}
