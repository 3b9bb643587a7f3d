using Microsoft.Extensions.Time.Testing;

namespace Protocol.Testing.Time;

/// <summary>
/// Microsoft's <see cref="FakeTimeProvider"/> plus the one thing it lacks: how many timers are still armed, so a
/// test can prove that a closed connection or a completed wait left no timer behind.
/// </summary>
/// <remarks>Everything else (Advance, SetUtcNow, AutoAdvanceAmount, timer order) is <see cref="FakeTimeProvider"/>'s own.</remarks>
public class TimerCountingTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private int _armed;

    /// <summary>Creates a clock at <see cref="FakeTimeProvider"/>'s default start.</summary>
    public TimerCountingTimeProvider()
    {
    }

    /// <summary>Creates a clock that starts at <paramref name="startDateTime"/>.</summary>
    /// <param name="startDateTime">The initial time.</param>
    public TimerCountingTimeProvider(DateTimeOffset startDateTime)
        : base(startDateTime)
    {
    }

    /// <summary>How many timers are armed: created or changed with a finite due time, not yet fired (one-shot) and not disposed.</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _armed;
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var counted = new CountedTimer(this, callback, state);
        counted.SetArmed(dueTime, period);

        // The base class may fire a zero due time inside CreateTimer, so the wrapper exists before it is called.
        counted.Inner = base.CreateTimer(static s => ((CountedTimer)s!).Fire(), counted, dueTime, period);
        return counted;
    }

    private void Adjust(int delta)
    {
        lock (_gate)
        {
            _armed += delta;
        }
    }

    private sealed class CountedTimer(TimerCountingTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private readonly Lock _gate = new();
        private bool _armed;
        private bool _periodic;
        private bool _disposed;

        public ITimer? Inner { get; set; }

        public void SetArmed(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _periodic = period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan;
                Arm(dueTime != Timeout.InfiniteTimeSpan);
            }
        }

        public void Fire()
        {
            lock (_gate)
            {
                if (!_periodic)
                {
                    Arm(false);
                }
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            SetArmed(dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                Arm(false);
                _disposed = true;
            }

            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        // Called under _gate.
        private void Arm(bool armed)
        {
            if (armed != _armed)
            {
                _armed = armed;
                owner.Adjust(armed ? 1 : -1);
            }
        }
    }
}
