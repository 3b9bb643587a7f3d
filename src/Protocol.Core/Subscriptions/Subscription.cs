using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Protocol;

/// <summary>
/// One consumer's stream of updates: a bounded buffer with a slow-consumer policy, read with <c>await foreach</c>.
/// Ending the enumeration (break, cancellation, exception) or disposing unsubscribes. Enumerate it once.
/// </summary>
/// <remarks>
/// Updates are offered from the receive path, which never waits for a consumer. Under <see cref="SlowConsumerPolicy.Wait"/>
/// a full buffer hands the update to this subscription's own pump, which waits for room on its own task.
/// Disposing the enumerator (or the subscription) while a <c>MoveNextAsync</c> is pending ends that read with
/// <see langword="false"/>, as a channel whose writer completed does, and never throws, so the error that made
/// <c>await using</c> code leave is the one its caller sees; cancelling the enumeration's token ends it with
/// <see cref="OperationCanceledException"/>.
/// </remarks>
/// <typeparam name="T">The update type.</typeparam>
public sealed class Subscription<T> : IAsyncEnumerable<T>, IAsyncDisposable
{
    private static readonly KeyValuePair<string, object?> SlowConsumerTag = new(ProtocolTelemetry.DropReasonTag, "slow_consumer");
    // An unbounded buffer (SubscriptionBuffer) with the bound kept by two counters: a bounded channel takes a lock on every
    // write and every read, and the receive path and the consumer fought over it on each update (a two-thread tick cost 1.8x
    // the hand-written baseline with it, 1.3x without). What is buffered is _reserved (counted by the
    // writers: the receive path and the Wait policy's pump) minus _consumed (counted by the consumer alone), each on a cache
    // line of its own: one shared counter written from both sides moved its line between the cores on every update. The
    // writers check against their last look at _consumed (_consumedSeen, never ahead of it, so the bound is never
    // exceeded) and look again only when that says full.
    private readonly SubscriptionBuffer<T> _buffer;
    private readonly int _capacity;
    private PaddedCount _reserved;
    private PaddedCount _consumed;
    private long _consumedSeen;
    private readonly Action<Subscription<T>> _unsubscribe;
    private readonly ClientTelemetry _telemetry;
    private readonly TimeProvider _timeProvider;

    // Wait policy only: updates that found the buffer full, in order, until the pump moves them in. Bounded by Capacity.
    private readonly Channel<T>? _backlog;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource? _stop;
    private int _backlogCount;
    private TaskCompletionSource? _roomWaiter;
    private bool _pumpStarted;
    private bool _ending;
    private Exception? _completion;
    private long _dropped;
    private long _resumed;
    private int _started;
    private int _enumerated;
    private int _active = 1;

    internal Subscription(SubscriptionOptions options, Action<Subscription<T>> unsubscribe, ClientTelemetry telemetry, TimeProvider timeProvider)
    {
        _telemetry = telemetry;
        _timeProvider = timeProvider;
        Options = options;
        _unsubscribe = unsubscribe;
        Resumed = options.OnResumed;
        _capacity = options.Policy == SlowConsumerPolicy.LatestWins ? 1 : options.Capacity;

        // Under DropOldest and LatestWins the writer itself removes the oldest update to make room, so their buffer takes any
        // number of readers; under Wait only the consumer reads (SubscriptionBuffer.Create).
        _buffer = SubscriptionBuffer<T>.Create(options.Policy);

        // Wait: a full buffer hands updates to the pump through the backlog.
        if (options.Policy == SlowConsumerPolicy.Wait)
        {
            _backlog = Channel.CreateBounded<T>(new BoundedChannelOptions(options.Capacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
                SingleWriter = false,
            });
            _stop = new CancellationTokenSource();
        }
    }

    /// <summary>The buffering options.</summary>
    public SubscriptionOptions Options { get; }

    /// <summary>The policy applied when the buffer is full.</summary>
    public SlowConsumerPolicy Policy => Options.Policy;

    /// <summary>How many updates this consumer lost to its policy.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Whether it still receives updates.</summary>
    public bool IsActive => Volatile.Read(ref _active) == 1;

    /// <summary>
    /// For a keyed subscription (<see cref="Infrastructure.KeyedSubscriptionSet{TKey, T}"/>): how many times its stream was restored on a
    /// new session after the connection dropped. Each one marks a gap: updates the platform sent while the client was
    /// reconnecting are lost. Always 0 for an unkeyed subscription.
    /// </summary>
    public long ResumeCount => Interlocked.Read(ref _resumed);

    /// <summary>
    /// Raised each time <see cref="ResumeCount"/> grows: after a reconnect, once the start messages of this subscription's
    /// key were sent again on the new session and before the client reports Ready. Runs on the client's connection task:
    /// keep it short (an exception is counted as a <c>subscription_resumed</c> error and otherwise ignored).
    /// </summary>
    public event EventHandler? Resumed;

    /// <inheritdoc />
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(this, cancellationToken);

    /// <summary>Unsubscribes; a running enumeration finishes after the buffered items.</summary>
    public ValueTask DisposeAsync()
    {
        Unsubscribe();
        return ValueTask.CompletedTask;
    }

    // Called on the receive path: never waits. Allocation-free unless a Wait subscriber's buffer is full.
    internal void Offer(T item)
    {
        if (_backlog is null)
        {
            OfferDroppingOldest(item);
            return;
        }

        if (TryWritePastBacklog(item))
        {
            return;
        }

        if (!IsActive)
        {
            return;
        }

        lock (_gate)
        {
            if (_ending)
            {
                return;
            }

            // Checked again under the gate, where the pump writes an update and un-counts it in one step: the count read
            // above may still hold an update the pump has already written (and the consumer taken), and sending this one
            // to the backlog for it would fill the backlog while the buffer has room.
            if (TryWritePastBacklog(item))
            {
                return;
            }

            // Counted before the write so the pump's decrement can never run first.
            Interlocked.Increment(ref _backlogCount);
            if (!_backlog.Writer.TryWrite(item))
            {
                Interlocked.Decrement(ref _backlogCount);
                CountDrop();
                return;
            }

            if (!_pumpStarted)
            {
                _pumpStarted = true;
                _ = Task.Run(PumpAsync);
            }
        }
    }

    // DropOldest / LatestWins: always accepted while open. When the buffer is full the writer takes the oldest update out
    // itself (the buffer takes any number of readers); if the consumer took it first, the buffer had room after all and
    // nothing is lost but the one update this writer removed instead, which is counted like any drop.
    private void OfferDroppingOldest(T item)
    {
        if (!TryReserve() && _buffer.TryRead(out _))
        {
            // Full: the oldest update is taken out (and un-counted) to make room for this one, whose count stands.
            Interlocked.Decrement(ref _reserved.Value);
            CountDrop();
        }

        if (!_buffer.TryWrite(item))
        {
            Interlocked.Decrement(ref _reserved.Value);
        }
    }

    // Wait policy: straight into the buffer when nothing waits in the backlog (order) and there is room.
    private bool TryWritePastBacklog(T item)
    {
        if (Volatile.Read(ref _backlogCount) != 0 || !TryReserveOrGiveBack())
        {
            return false;
        }

        Write(item);
        return true;
    }

    // Counts one update in; true when it fits the capacity. A false leaves the update counted: the caller either gives the
    // reservation back or (DropOldest) makes room by taking the oldest update out.
    private bool TryReserve()
    {
        var reserved = Interlocked.Increment(ref _reserved.Value);
        if (reserved - Volatile.Read(ref _consumedSeen) <= _capacity)
        {
            return true;
        }

        var consumed = Volatile.Read(ref _consumed.Value);
        Volatile.Write(ref _consumedSeen, consumed);
        return reserved - consumed <= _capacity;
    }

    // The consumer took an update. Only the consumer writes _consumed, so a plain store counts it: a locked increment
    // here was one of the few locked instructions a tick pays. The pump that waits for room pairs its waiter with a
    // process-wide barrier instead (WaitForRoomAsync), so that this take is either seen there or sees the waiter.
    private void OnTaken()
    {
        Volatile.Write(ref _consumed.Value, _consumed.Value + 1);
        if (Volatile.Read(ref _roomWaiter) is not null && Interlocked.Exchange(ref _roomWaiter, null) is { } waiter)
        {
            waiter.TrySetResult();
        }
    }

    // The key's start messages went out for this subscriber; true when they had already gone out for it on an earlier
    // session, i.e. this start is a resume after a gap.
    internal bool MarkStarted() => Interlocked.Exchange(ref _started, 1) == 1;

    internal void OnResumed()
    {
        Interlocked.Increment(ref _resumed);
        try
        {
            Resumed?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception)
        {
            // A user's handler must not fail the session it is told about.
            _telemetry.Error("subscription_resumed");
        }
    }

    internal long CountDrop()
    {
        var dropped = Interlocked.Increment(ref _dropped);
        _telemetry.Dropped(SlowConsumerTag);
        return dropped;
    }

    internal void Complete(Exception? error)
    {
        Volatile.Write(ref _active, 0);
        lock (_gate)
        {
            _ending = true;
            _completion = error;
            if (_pumpStarted)
            {
                // The pump owns the buffer's end: it stops waiting, counts what it could not deliver, then completes it.
                _stop!.Cancel();
                _backlog!.Writer.TryComplete();
                return;
            }
        }

        _buffer.Complete(error);
        _stop?.Dispose();
    }

    // Moves backlogged updates into the buffer in order, waiting up to WaitTimeout for room for each; an update that
    // waited longer is dropped and counted. Runs on its own task, so only this subscriber waits.
    private async Task PumpAsync()
    {
        var reader = _backlog!.Reader;
        var stop = _stop!.Token;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (!stop.IsCancellationRequested && (TryReserveOrGiveBack() || await WaitForRoomAsync(stop).ConfigureAwait(false)))
                    {
                        // Written and un-counted in one step under the gate (see Offer).
                        lock (_gate)
                        {
                            Write(item);
                            Interlocked.Decrement(ref _backlogCount);
                        }
                    }
                    else
                    {
                        CountDrop();
                        Interlocked.Decrement(ref _backlogCount);
                    }
                }
            }
        }
        finally
        {
            _buffer.Complete(Volatile.Read(ref _completion));
            _stop.Dispose();
        }
    }

    // Waits up to WaitTimeout for room and claims it; false when the time ran out or the subscription stopped.
    private async ValueTask<bool> WaitForRoomAsync(CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(Options.WaitTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            while (true)
            {
                var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _roomWaiter, waiter);

                // Checked after the waiter is published: a take that happened before it would otherwise never wake us. The
                // consumer counts a take with a plain store and then looks for a waiter without a fence (OnTaken), so the
                // barrier is process-wide: every take counted before it is visible to the check below, and a take counted
                // after it sees this waiter. Paid only by a pump that found the buffer full, never per update.
                Interlocked.MemoryBarrierProcessWide();
                if (TryReserveOrGiveBack())
                {
                    Interlocked.CompareExchange(ref _roomWaiter, null, waiter);
                    return true;
                }

                await waiter.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            Volatile.Write(ref _roomWaiter, null);
            return false;
        }
    }

    private bool TryReserveOrGiveBack()
    {
        if (TryReserve())
        {
            return true;
        }

        Interlocked.Decrement(ref _reserved.Value);
        return false;
    }

    private void Write(T item)
    {
        if (!_buffer.TryWrite(item))
        {
            // The subscription ended: nobody is left to count the update for.
            Interlocked.Decrement(ref _reserved.Value);
        }
    }

    private void Unsubscribe()
    {
        if (Interlocked.Exchange(ref _active, 0) == 1)
        {
            _buffer.Complete(null);
            Complete(null);
            _unsubscribe(this);
        }
    }

    // Written by hand rather than as an async iterator: an update already buffered is returned synchronously, without the
    // iterator's state machine, which is most of what a consumer that keeps up pays per update. Behaves as the iterator
    // did: the enumerate-once check on the first MoveNextAsync; the end of the stream, an exception (cancellation
    // included) or disposing a started enumeration unsubscribes.
    private sealed class Enumerator(Subscription<T> owner, CancellationToken cancellationToken) : IAsyncEnumerator<T>
    {
        private const int NotStarted = 0;
        private const int Running = 1;
        private const int Ended = 2;

        private readonly SubscriptionBuffer<T> _buffer = owner._buffer;
        private int _state;

        // The enumeration's token, registered once at its start (not per wait: see SubscriptionBuffer): its cancellation ends
        // the buffer with an OperationCanceledException, which wakes a pending wait.
        private CancellationTokenRegistration _cancellation;

        public T Current { get; private set; } = default!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_state == Running && _buffer.TryRead(out var item))
            {
                owner.OnTaken();
                Current = item;
                return new ValueTask<bool>(true);
            }

            return MoveNextSlowAsync();
        }

        public ValueTask DisposeAsync()
        {
            if (_state == Running)
            {
                End();
            }

            return ValueTask.CompletedTask;
        }

        // Pooled: a consumer that keeps up waits here once every few updates, and a new state-machine box each time was the
        // only allocation of the path beyond the update itself.
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<bool> MoveNextSlowAsync()
        {
            if (_state == Ended)
            {
                return false;
            }

            if (_state == NotStarted)
            {
                if (Interlocked.Exchange(ref owner._enumerated, 1) == 1)
                {
                    _state = Ended;
                    throw new InvalidOperationException("A subscription can be enumerated once; subscribe again for a second consumer.");
                }

                _state = Running;
                if (cancellationToken.CanBeCanceled)
                {
                    _cancellation = cancellationToken.UnsafeRegister(
                        static (state, token) => ((SubscriptionBuffer<T>)state!).Complete(new OperationCanceledException(token)), _buffer);
                }
            }

            try
            {
                while (await _buffer.WaitToReadAsync().ConfigureAwait(false))
                {
                    // Cancelled: the updates still buffered are not read.
                    cancellationToken.ThrowIfCancellationRequested();
                    if (_buffer.TryRead(out var item))
                    {
                        owner.OnTaken();
                        Current = item;
                        return true;
                    }
                }
            }
            catch
            {
                End();
                throw;
            }

            End();
            return false;
        }

        private void End()
        {
            _state = Ended;
            _cancellation.Dispose();
            owner.Unsubscribe();
        }
    }
}
