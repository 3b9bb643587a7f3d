namespace Protocol.Trading.Candles;

/// <summary>
/// The reconnect gaps of one tick stream, each marked by the server's time when the stream resumed: every tick of the old
/// session is at or before that time, every tick of the new one after it. So the first tick of a new session is found by its
/// own time, even when the consumer still reads ticks of the old session (buffered) after the resume; a candle in progress
/// is then reset (<see cref="CandleAggregator.Reset"/>) so that no candle spans a gap.
/// </summary>
/// <example><code>
/// subscription.Resumed += (_, _) => gaps.Add(serverClock.Read(timeProvider).Now);   // on the connection's task
/// if (gaps.TryCross(tick.Time)) aggregator.Reset();                                   // on the reader, before the tick is added
/// </code></example>
public sealed class ReconnectGaps
{
    private readonly Lock _gate = new();

    // The resume times not crossed yet, oldest first (never decreasing); _next is the oldest, long.MaxValue when none, read
    // without the lock on every tick.
    private readonly Queue<long> _pending = new();
    private long _next = long.MaxValue;
    private long _last = long.MinValue;

    /// <summary>Marks a resume (call it when the stream resumed on a new session).</summary>
    /// <param name="serverNow">The server's time at the resume. A time before an earlier mark counts as that mark.</param>
    public void Add(DateTimeOffset serverNow)
    {
        lock (_gate)
        {
            // An estimate of the server's clock may step back a little; the sessions' order may not.
            _last = Math.Max(_last, serverNow.UtcTicks);
            _pending.Enqueue(_last);
            if (_pending.Count == 1)
            {
                Volatile.Write(ref _next, _last);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="tickTime"/> is the first tick past one or more marked resumes (the candle in progress belongs
    /// to an earlier session and must be discarded); those marks are then crossed.
    /// </summary>
    /// <param name="tickTime">The server's time of the tick about to be added, in the order the ticks are read.</param>
    /// <returns>True once per crossing; false for ticks of the same session as the one before.</returns>
    public bool TryCross(DateTimeOffset tickTime)
    {
        var time = tickTime.UtcTicks;
        if (time <= Volatile.Read(ref _next))
        {
            return false;
        }

        lock (_gate)
        {
            var crossed = false;
            while (_pending.TryPeek(out var mark) && mark < time)
            {
                _pending.Dequeue();
                crossed = true;
            }

            Volatile.Write(ref _next, _pending.TryPeek(out var next) ? next : long.MaxValue);
            return crossed;
        }
    }
}
