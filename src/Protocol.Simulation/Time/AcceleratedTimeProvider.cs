namespace Protocol.Simulation.Time;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than another (the system clock by default): give the same instance
/// to the simulator and to the client under test, and a bot test covers an hour of trading in a minute. Its time starts
/// at the inner clock's now (or a given instant) and moves <see cref="Speed"/> seconds per inner second; its timers fire
/// after their due time divided by <see cref="Speed"/> on the inner clock.
/// </summary>
/// <remarks>
/// Written here because no package served to this repository has one: Microsoft's FakeTimeProvider moves only when told,
/// and the system clock cannot be scaled.
/// <code>
/// var clock = new AcceleratedTimeProvider(60);             // one simulated minute per real second
/// await using var sim = await PocketOptionSimulator.StartAsync(new() { TimeProvider = clock });   // or ExpertOptionSimulator
/// </code>
/// </remarks>
public sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly DateTimeOffset _start;
    private readonly long _innerStart;

    /// <summary>Creates a clock <paramref name="speed"/> times faster than <paramref name="inner"/>.</summary>
    /// <param name="speed">How many of its seconds pass per second of the inner clock (more than 0; 1 runs at the inner pace).</param>
    /// <param name="inner">The clock it scales; the system clock when null (tests give a FakeTimeProvider).</param>
    /// <param name="start">Its time now; the inner clock's now when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speed"/> is not a finite number above 0.</exception>
    public AcceleratedTimeProvider(double speed, TimeProvider? inner = null, DateTimeOffset? start = null)
    {
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The speed must be a finite number above 0 (60 runs a minute per second).");
        }

        Speed = speed;
        _inner = inner ?? System;
        _innerStart = _inner.GetTimestamp();
        _start = start ?? _inner.GetUtcNow();
    }

    /// <summary>How many of its seconds pass per second of the inner clock.</summary>
    public double Speed { get; }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start + Faster(_inner.GetElapsedTime(_innerStart));

    /// <inheritdoc />
    public override long GetTimestamp() => _innerStart + (long)((_inner.GetTimestamp() - _innerStart) * Speed);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new AcceleratedTimer(this, _inner.CreateTimer(callback, state, Slower(dueTime), Slower(period)));
    }

    private TimeSpan Faster(TimeSpan inner) => TimeSpan.FromTicks((long)(inner.Ticks * Speed));

    // The longest wait a timer takes (about 49.7 days).
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    // An inner-clock wait: rounded up, so a timer never fires before its due time on this clock.
    private TimeSpan Slower(TimeSpan span)
    {
        if (span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero)
        {
            return span;
        }

        var ticks = Math.Ceiling(span.Ticks / Speed);
        return ticks >= LongestWait.Ticks ? LongestWait : TimeSpan.FromTicks(Math.Max(1, (long)ticks));
    }

    private sealed class AcceleratedTimer(AcceleratedTimeProvider clock, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Slower(dueTime), clock.Slower(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
