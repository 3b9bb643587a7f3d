using System.Threading.Channels;

namespace Protocol;

/// <summary>The Wait policy's buffer: an unbounded single-reader channel, read by the consumer alone.</summary>
/// <remarks>
/// The channel's single-reader queue gives the consumer no locked instruction and no store into the writers' cache lines per
/// update; the lock-free queue of <see cref="QueueSubscriptionBuffer{T}"/> costs the consumer a compare-exchange and a store
/// into the slot the writer fills next. On two threads, where the receive path and the consumer run at once, that is the
/// difference: the delivery alone went from 1.26x to 1.16x the hand-written channel baseline (`TickPath`
/// `HandReadSubscription`, 20 pairs, benchmarks README, session 17). On one thread the channel's writer lock costs a few
/// nanoseconds more per update (`TickCost`: 1.16x -> 1.18x).
/// The wait passes no token: with one that can be cancelled the channel allocates a new wait every time.
/// </remarks>
/// <typeparam name="T">The update type.</typeparam>
internal sealed class ChannelSubscriptionBuffer<T> : SubscriptionBuffer<T>
{
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });

    /// <inheritdoc />
    public override bool TryWrite(T item) => _items.Writer.TryWrite(item);

    /// <inheritdoc />
    public override bool TryRead(out T item) => _items.Reader.TryRead(out item!);

    /// <inheritdoc />
    public override void Complete(Exception? error) => _items.Writer.TryComplete(error);

    /// <inheritdoc />
    public override ValueTask<bool> WaitToReadAsync() => _items.Reader.WaitToReadAsync(CancellationToken.None);
}
