using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;

namespace Protocol;

/// <summary>
/// A subscription's buffer: a lock-free queue read by one consumer, who may wait for the next update. Written by the receive
/// path (and a Wait subscriber's pump, or any thread that publishes); the subscription keeps the bound (its counters).
/// </summary>
/// <remarks>
/// Our own rather than an unbounded <c>Channel&lt;T&gt;</c>: a channel takes a monitor lock on every write and on every wait
/// of its reader, so a tick paid two locked instructions and two calls into the runtime, and when the consumer waited the
/// receive path and the consumer contended on that lock (the largest cost of delivering a tick after the read itself).
/// Here a write is <see cref="ConcurrentQueue{T}"/>'s one compare-exchange and a read of the waiter flag. It behaves as the
/// channel did for this one reader: items written before <see cref="Complete"/> are still read; then
/// <see cref="WaitToReadAsync"/> returns <see langword="false"/>, or throws the completion's error; a cancelled wait throws
/// <see cref="OperationCanceledException"/>.
/// </remarks>
/// <typeparam name="T">The update type.</typeparam>
internal sealed class SubscriptionBuffer<T>
{
    private readonly ConcurrentQueue<T> _items = new();

    // The reader's one pending wait, in an object of its own, as a channel keeps its waiting reader: the reader writes the
    // wait's state every time it waits and wakes, and here, beside the fields every write reads (_items, _waiting, _end),
    // those stores took the writers' cache line away once more per wait. Whoever swaps _waiting from 1 to 0 (a writer,
    // Complete, the wait's cancellation, or the reader finding an item after arming) completes it, exactly once per arming.
    private readonly ReaderWait _wait = new();
    private int _waiting;

    // How the buffer ended, set once: null while open, then the completion's error, or NoError for a clean end.
    private static readonly object NoError = new();
    private object? _end;

    /// <summary>Adds an update; false once the buffer was completed.</summary>
    public bool TryWrite(T item)
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
            Release(error: null);
        }

        return true;
    }

    /// <summary>Takes the oldest update; any thread may (a writer making room under DropOldest).</summary>
    public bool TryRead(out T item) => _items.TryDequeue(out item!);

    /// <summary>Ends the buffer: no more writes; the reader reads what is left, then sees the end (or <paramref name="error"/>).</summary>
    public void Complete(Exception? error)
    {
        if (Interlocked.CompareExchange(ref _end, error ?? NoError, null) is null)
        {
            Release(error: null);
        }
    }

    /// <summary>
    /// Completes when an update can be read (<see langword="true"/>) or the buffer ended (<see langword="false"/>, or the
    /// completion's error). One reader at a time: the subscription's enumerator.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (!_items.IsEmpty)
        {
            return new ValueTask<bool>(true);
        }

        if (Volatile.Read(ref _end) is { } end)
        {
            return Ended(end);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        var wait = _wait;
        wait.Reset();

        // Registered before the wait is armed, so the registration is in place before anyone can complete the wait; a
        // cancellation that fires before the arming is seen by the look below.
        if (cancellationToken.CanBeCanceled)
        {
            wait.Cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((SubscriptionBuffer<T>)state!).Release(new OperationCanceledException(token)), this);
        }

        Interlocked.Exchange(ref _waiting, 1);

        // Looked at again after arming (the exchange is a full fence): a write, completion or cancellation that came before the
        // arming did not see the wait, so this reader must.
        if ((!_items.IsEmpty || Volatile.Read(ref _end) is not null || cancellationToken.IsCancellationRequested)
            && Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            wait.DisposeCancellation();
            return !_items.IsEmpty ? new ValueTask<bool>(true)
                : Volatile.Read(ref _end) is { } ended ? Ended(ended)
                : ValueTask.FromCanceled<bool>(cancellationToken);
        }

        return new ValueTask<bool>(wait, wait.Version);
    }

    // Completes an armed wait, once: true (look again: an update or the end) unless the wait was cancelled.
    private void Release(Exception? error)
    {
        if (Interlocked.Exchange(ref _waiting, 0) != 1)
        {
            return;
        }

        _wait.Complete(error);
    }

    private static ValueTask<bool> Ended(object end) => end is Exception error ? ValueTask.FromException<bool>(error) : new ValueTask<bool>(false);

    // The reader's wait: completed true (look again) or with the cancellation's error.
    private sealed class ReaderWait : IValueTaskSource<bool>
    {
        private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };

        // Set only for a token that can be cancelled: a wait without one writes nothing more.
        public CancellationTokenRegistration Cancellation;

        public short Version => _signal.Version;

        public void Reset() => _signal.Reset();

        public void Complete(Exception? error)
        {
            if (error is null)
            {
                _signal.SetResult(true);
            }
            else
            {
                _signal.SetException(error);
            }
        }

        public bool GetResult(short token)
        {
            try
            {
                return _signal.GetResult(token);
            }
            finally
            {
                DisposeCancellation();
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _signal.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            => _signal.OnCompleted(continuation, state, token, flags);

        public void DisposeCancellation()
        {
            // Dispose waits for a callback that is running; the callback only completes the wait, so it ends at once.
            if (Cancellation != default)
            {
                Cancellation.Dispose();
                Cancellation = default;
            }
        }
    }
}
