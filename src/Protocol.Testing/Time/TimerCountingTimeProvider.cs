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
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
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

    /// <summary>
    /// Waits until exactly <paramref name="count"/> timers are armed: how a test knows that code running on another task
    /// (a pump, a send waiting for room) has reached its timed wait, without sleeping. Bounded by a real-time safety net.
    /// </summary>
    /// <param name="count">The number of armed timers to wait for.</param>
    /// <param name="limit">The safety net; <see cref="SafetyNet.DefaultLimit"/> when null.</param>
    /// <returns>A task that completes when the count is reached.</returns>
    /// <exception cref="SafetyNetTimeoutException">The count was not reached within the limit.</exception>
    public async Task WaitForActiveTimersAsync(int count, TimeSpan? limit = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var waiter = (count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (_armed == count)
            {
                return;
            }

            _waiters.Add(waiter);
        }

        try
        {
            await waiter.Item2.Task.WithSafetyNet(limit, $"WaitForActiveTimersAsync({count}) (armed when the wait began: {ActiveTimerCount})").ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
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
            foreach (var (count, reached) in _waiters)
            {
                if (count == _armed)
                {
                    // Continuations run asynchronously, never under this lock.
                    reached.TrySetResult();
                }
            }
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
