using System.Threading.Channels;

namespace Protocol;

/// <summary>
/// A subscription's buffer: an unbounded channel read by the subscription's one consumer (the subscription keeps the bound with
/// its counters). Written by the receive path, a Wait subscriber's pump, or any thread that publishes; read by the consumer,
/// and under DropOldest and LatestWins also by a writer that takes the oldest update out to make room.
/// </summary>
/// <remarks>
/// An unbounded channel, single-reader where only the consumer reads (the Wait policy). Measured against the lock-free
/// <c>ConcurrentQueue</c> with one waiting reader that this buffer was before, on two threads in the host's slow state
/// (`TickPath`, see the benchmarks' README, session 17): the channel's single-reader queue leaves the consumer no locked
/// instruction and no store into the writer's cache lines per update, and the delivery cost 1.18x the hand-written channel
/// baseline instead of 1.29x. Its writer lock costs about 15 ns per update on one thread.
/// A wait takes no token: the channel's reader allocates a new wait for every wait with a token that can be cancelled, so a
/// consumer's cancellation completes the buffer instead (<see cref="Complete"/> with an
/// <see cref="OperationCanceledException"/>), registered once per enumeration.
/// </remarks>
/// <typeparam name="T">The update type.</typeparam>
internal sealed class SubscriptionBuffer<T>
{
    private readonly Channel<T> _items;

    /// <summary>Creates the buffer.</summary>
    /// <param name="singleReader">True when only the consumer reads (no writer takes updates out to make room).</param>
    public SubscriptionBuffer(bool singleReader)
    {
        _items = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = singleReader });
    }

    /// <summary>Adds an update; false once the buffer was completed.</summary>
    public bool TryWrite(T item) => _items.Writer.TryWrite(item);

    /// <summary>Takes the oldest update: the consumer, or (when not single-reader) a writer making room.</summary>
    public bool TryRead(out T item) => _items.Reader.TryRead(out item!);

    /// <summary>Ends the buffer: no more writes; the reader reads what is left, then sees the end (or <paramref name="error"/>). The first end stands.</summary>
    public void Complete(Exception? error) => _items.Writer.TryComplete(error);

    /// <summary>
    /// Completes when an update can be read (<see langword="true"/>) or the buffer ended and is empty (<see langword="false"/>,
    /// or the completion's error). One reader at a time: the subscription's enumerator.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync() => _items.Reader.WaitToReadAsync(CancellationToken.None);
}
