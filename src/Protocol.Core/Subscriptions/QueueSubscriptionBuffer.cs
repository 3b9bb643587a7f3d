using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;

namespace Protocol;

/// <summary>
/// The buffer of the drop policies (DropOldest, LatestWins): a lock-free queue with one waiting reader, read by the consumer
/// and by writers that take the oldest update out to make room.
/// </summary>
/// <remarks>
/// Our own rather than a channel: a channel that more than one reader reads takes a monitor lock on every write on top of the
/// same <see cref="ConcurrentQueue{T}"/> (tried: a two-step tick on one thread went from 204-218 ns to 235-261 ns, `TickCost`
/// `TwoStepFramesDropOldest`). Here a write is the queue's one compare-exchange and a read of the waiter flag.
/// </remarks>
/// <typeparam name="T">The update type.</typeparam>
internal sealed class QueueSubscriptionBuffer<T> : SubscriptionBuffer<T>
{
    private readonly ConcurrentQueue<T> _items = new();

    // The reader's one pending wait, in an object of its own, as a channel keeps its waiting reader: the reader writes the
    // wait's state every time it waits and wakes, and here, beside the fields every write reads (_items, _waiting, _end),
    // those stores took the writers' cache line away once more per wait. Whoever swaps _waiting from 1 to 0 (a writer,
    // Complete, or the reader finding an item after arming) completes it, exactly once per arming.
    private readonly ReaderWait _wait = new();
    private int _waiting;

    // How the buffer ended, set once: null while open, then the completion's error, or NoError for a clean end.
    private static readonly object NoError = new();
    private object? _end;

    /// <inheritdoc />
    public override bool TryWrite(T item)
    {
        if (Volatile.Read(ref _end) is not null)
        {
            return false;
        }

        _items.Enqueue(item);

        // Enqueue's compare-exchange is a full fence: a reader that armed its wait before the item went in is seen here, and
        // one that arms after finds the item when it looks again.
        if (Volatile.Read(ref _waiting) != 0)
        {
            Release();
        }

        return true;
    }

    /// <inheritdoc />
    public override bool TryRead(out T item) => _items.TryDequeue(out item!);

    /// <inheritdoc />
    public override void Complete(Exception? error)
    {
        if (Interlocked.CompareExchange(ref _end, error ?? NoError, null) is null)
        {
            Release();
        }
    }

    /// <inheritdoc />
    public override ValueTask<bool> WaitToReadAsync()
    {
        if (Ready() is { } now)
        {
            return now;
        }

        var wait = _wait;
        wait.Reset();
        Interlocked.Exchange(ref _waiting, 1);

        // Looked at again after arming (the exchange is a full fence): a write or completion that came before the arming did
        // not see the wait, so this reader must.
        if (Ready() is { } after && Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            return after;
        }

        return new ValueTask<bool>(wait, wait.Version);
    }

    // What a wait returns at once: an update to read, or the end; null when it must wait.
    private ValueTask<bool>? Ready()
        => !_items.IsEmpty ? new ValueTask<bool>(true)
            : Volatile.Read(ref _end) is { } end ? end is Exception error ? ValueTask.FromException<bool>(error) : new ValueTask<bool>(false)
            : null;

    // Completes an armed wait, once, with what the buffer holds now (an update, or the end that released it).
    private void Release()
    {
        if (Interlocked.Exchange(ref _waiting, 0) != 1)
        {
            return;
        }

        if (!_items.IsEmpty || Volatile.Read(ref _end) is not { } end)
        {
            _wait.Complete(true, null);
        }
        else
        {
            _wait.Complete(false, end as Exception);
        }
    }

    // The reader's wait: completed with a result or the completion's error.
    private sealed class ReaderWait : IValueTaskSource<bool>
    {
        private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };

        public short Version => _signal.Version;

        public void Reset() => _signal.Reset();

        public void Complete(bool result, Exception? error)
        {
            if (error is null)
            {
                _signal.SetResult(result);
            }
            else
            {
                _signal.SetException(error);
            }
        }

        public bool GetResult(short token) => _signal.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _signal.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            => _signal.OnCompleted(continuation, state, token, flags);
    }
}
