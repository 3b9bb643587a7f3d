using System.Threading.Tasks.Sources;

namespace Protocol;

/// <summary>
/// A subscription's buffer: unbounded (the subscription keeps the bound with its counters), written by the receive path, a Wait
/// subscriber's pump, or any thread that publishes, and read by the subscription's one consumer. Items written before
/// <see cref="Complete"/> are still read; then <see cref="WaitToReadAsync"/> returns <see langword="false"/>, or throws the
/// completion's error.
/// </summary>
/// <remarks>
/// Two kinds, chosen by the policy (<see cref="Create"/>), because they are best at different things:
/// <see cref="RingSubscriptionBuffer{T}"/> when only the consumer reads (Wait), and
/// <see cref="QueueSubscriptionBuffer{T}"/> when writers also take the oldest update out to make room (DropOldest,
/// LatestWins). A wait takes no token: the consumer's cancellation completes the buffer with an
/// <see cref="OperationCanceledException"/> instead, registered once per enumeration rather than once per wait.
/// </remarks>
/// <typeparam name="T">The update type.</typeparam>
internal abstract class SubscriptionBuffer<T>
{
    /// <summary>The buffer for a policy.</summary>
    /// <param name="policy">The subscription's policy: Wait reads from the consumer alone; the others from writers too.</param>
    public static SubscriptionBuffer<T> Create(SlowConsumerPolicy policy)
        => policy == SlowConsumerPolicy.Wait ? new RingSubscriptionBuffer<T>() : new QueueSubscriptionBuffer<T>();

    private static readonly object NoError = new();

    // The reader's one pending wait, in an object of its own, as a channel keeps its waiting reader: the reader writes the
    // wait's state every time it waits and wakes, and beside the fields every write reads (_waiting, _end), those stores
    // would take the writers' cache line away once more per wait. Whoever swaps _waiting from 1 to 0 (a writer, Complete,
    // or the reader finding an update after arming) completes it, exactly once per arming; what the wait returns the reader
    // works out on its own thread when it takes the result (ReaderWait.GetResult), so a writer never looks at the reader's
    // side of the storage.
    private readonly ReaderWait _wait;
    private int _waiting;

    // How the buffer ended, set once: null while open, then the completion's error, or NoError for a clean end.
    private object? _end;

    /// <summary>Creates the buffer's wait.</summary>
    protected SubscriptionBuffer() => _wait = new ReaderWait(this);

    /// <summary>Whether the buffer ended: writes are refused from then on.</summary>
    protected bool Ended => Volatile.Read(ref _end) is not null;

    /// <summary>Adds an update; false once the buffer was completed.</summary>
    public abstract bool TryWrite(T item);

    /// <summary>Takes the oldest update: the consumer, or (DropOldest, LatestWins) a writer making room.</summary>
    public abstract bool TryRead(out T item);

    /// <summary>Ends the buffer: no more writes; the reader reads what is left, then sees the end (or <paramref name="error"/>). The first end stands.</summary>
    public void Complete(Exception? error)
    {
        if (Interlocked.CompareExchange(ref _end, error ?? NoError, null) is null)
        {
            Release();
        }
    }

    /// <summary>
    /// Completes when an update can be read (<see langword="true"/>) or the buffer ended and is empty (<see langword="false"/>,
    /// or the completion's error). One reader at a time: the subscription's enumerator.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync()
    {
        if (Ready() is { } now)
        {
            return now;
        }

        BeforeWait();
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

    /// <summary>The reader's thread: whether an update can be read now.</summary>
    protected abstract bool HasItem();

    /// <summary>The reader's thread, when it found nothing to read and is about to wait.</summary>
    protected virtual void BeforeWait()
    {
    }

    /// <summary>
    /// A writer, once its update is in, behind a full fence (a locked instruction after the update's store): wakes the reader if
    /// it waits. A reader that armed before the fence is seen here; one that arms after it finds the update when it looks again.
    /// </summary>
    protected void WakeReader()
    {
        if (Volatile.Read(ref _waiting) != 0)
        {
            Release();
        }
    }

    // What a wait returns at once: an update to read, or the end; null when it must wait.
    private ValueTask<bool>? Ready()
    {
        if (HasItem())
        {
            return new ValueTask<bool>(true);
        }

        return Volatile.Read(ref _end) switch
        {
            null => null,
            Exception error => ValueTask.FromException<bool>(error),
            _ => new ValueTask<bool>(false),
        };
    }

    // What a released wait returns, worked out on the reader's thread as it takes the result: what a wait would return at
    // once (an update, or the end, its error rethrown as raised), or, with neither, true: the write that released it left an
    // update a read will find.
    private bool ResultAfterWake() => Ready() is { } now ? now.GetAwaiter().GetResult() : true;

    // Completes an armed wait, once.
    private void Release()
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            _wait.Complete();
        }
    }

    // The reader's wait: released without a result; the reader works the result out when it takes it.
    private sealed class ReaderWait(SubscriptionBuffer<T> owner) : IValueTaskSource<bool>
    {
        private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };

        public short Version => _signal.Version;

        public void Reset() => _signal.Reset();

        public void Complete() => _signal.SetResult(true);

        public bool GetResult(short token)
        {
            _signal.GetResult(token);
            return owner.ResultAfterWake();
        }

        public ValueTaskSourceStatus GetStatus(short token) => _signal.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            => _signal.OnCompleted(continuation, state, token, flags);
    }
}
