namespace Protocol.Trading.Candles;

/// <summary>
/// Turns a stream of ticks into candles by a <see cref="SubscriptionMode"/>, one tick at a time: <see cref="TryAdd"/>
/// returns true with the candle a tick completes. Allocates nothing per tick. Not thread-safe: one aggregator per
/// subscription, fed by one reader.
/// </summary>
/// <remarks>
/// <para>The rules (PocketOption's, which strategies written against it expect):</para>
/// <list type="bullet">
/// <item><b>none</b>: every tick is emitted at once as a candle with open = high = low = close.</item>
/// <item><b>chunk(n)</b>: the first tick of a chunk sets the candle's time and open; each tick updates high, low and close;
/// the n-th tick emits it.</item>
/// <item><b>time(d)</b>: the first tick sets the candle's time and emits nothing; each later tick updates high, low and
/// close first, and if it is at least d after the first tick it emits the candle, so the closing tick belongs to the
/// finished candle and the next tick starts a new one.</item>
/// <item><b>time-aligned(d)</b>: windows start at multiples of d since midnight UTC (1970-01-01). Ticks before the current
/// window's end join it; the first tick at or after its end emits it (time = the window's start) and opens the candle of
/// its own window, so windows without ticks produce no candle.</item>
/// </list>
/// <para>A candle in progress is never emitted by a tick that does not complete it; read it with
/// <see cref="TryGetPartial"/>. A tick earlier than the candle's first (out of order) joins the candle in progress.
/// Ticks carry no volume, so candles have none.</para>
/// </remarks>
/// <example><code>
/// var aggregator = new CandleAggregator(SubscriptionMode.TimeAligned(TimeSpan.FromMinutes(1)));
/// foreach (var tick in ticks)
///     if (aggregator.TryAdd(tick, out var candle)) Console.WriteLine(candle);
/// </code></example>
public sealed class CandleAggregator
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    private bool _open;
    private Candle _current;
    private int _count;
    private long _startTicks;
    private long _boundaryTicks;

    /// <summary>Creates an aggregator for one subscription.</summary>
    /// <param name="mode">How ticks are grouped (validated when it was created).</param>
    public CandleAggregator(SubscriptionMode mode) => Mode = mode;

    /// <summary>The mode this aggregator applies.</summary>
    public SubscriptionMode Mode { get; }

    /// <summary>Adds the next tick.</summary>
    /// <param name="tick">The tick, normally later than or at the same time as the one before.</param>
    /// <param name="candle">The candle this tick completed, when it returns true.</param>
    /// <returns>True when the tick completed a candle.</returns>
    public bool TryAdd(PriceTick tick, out Candle candle)
    {
        switch (Mode.Kind)
        {
            case SubscriptionModeKind.Chunk:
                if (_open) Update(tick.Price);
                else Start(tick.Time, tick.Price);
                if (++_count < Mode.ChunkSize)
                {
                    candle = default;
                    return false;
                }
                return Emit(out candle);

            case SubscriptionModeKind.Time:
                if (!_open)
                {
                    Start(tick.Time, tick.Price);
                    _startTicks = tick.Time.UtcTicks;
                    candle = default;
                    return false;
                }
                Update(tick.Price);
                if (tick.Time.UtcTicks - _startTicks < Mode.Period.Ticks)
                {
                    candle = default;
                    return false;
                }
                return Emit(out candle);

            case SubscriptionModeKind.TimeAligned:
                var ticks = tick.Time.UtcTicks;
                if (_open && ticks < _boundaryTicks)
                {
                    Update(tick.Price);
                    candle = default;
                    return false;
                }
                var completed = _open;
                candle = _current;
                var windowStart = WindowStart(ticks, Mode.Period.Ticks);
                Start(new DateTimeOffset(windowStart, TimeSpan.Zero), tick.Price);
                _boundaryTicks = windowStart + Mode.Period.Ticks;
                if (!completed) candle = default;
                return completed;

            default:
                candle = new Candle(tick.Time, tick.Price, tick.Price, tick.Price, tick.Price);
                return true;
        }
    }

    /// <summary>Reads the candle in progress (ticks added that have not completed a candle yet).</summary>
    /// <param name="candle">The candle so far, when it returns true.</param>
    /// <returns>True when a candle is in progress.</returns>
    public bool TryGetPartial(out Candle candle)
    {
        candle = _open ? _current : default;
        return _open;
    }

    /// <summary>Drops the candle in progress, e.g. after a gap in the stream (a reconnect) that would make it wrong.</summary>
    public void Reset()
    {
        _open = false;
        _current = default;
        _count = 0;
    }

    // Floor, not truncation, so instants before 1970 still fall in the window that contains them.
    private static long WindowStart(long utcTicks, long period)
    {
        var sinceEpoch = utcTicks - UnixEpochTicks;
        var remainder = sinceEpoch % period;
        if (remainder < 0) remainder += period;
        return utcTicks - remainder;
    }

    private void Start(DateTimeOffset time, decimal price)
    {
        _open = true;
        _count = 0;
        _current = new Candle(time, price, price, price, price);
    }

    private void Update(decimal price)
    {
        var c = _current;
        _current = new Candle(c.Time, c.Open, Math.Max(c.High, price), Math.Min(c.Low, price), price);
    }

    private bool Emit(out Candle candle)
    {
        candle = _current;
        Reset();
        return true;
    }
}
