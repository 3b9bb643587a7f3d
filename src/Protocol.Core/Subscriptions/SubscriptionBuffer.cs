namespace Protocol;

/// <summary>
/// A subscription's buffer: unbounded (the subscription keeps the bound with its counters), written by the receive path, a Wait
/// subscriber's pump, or any thread that publishes, and read by the subscription's one consumer. Items written before
/// <see cref="Complete"/> are still read; then <see cref="WaitToReadAsync"/> returns <see langword="false"/>, or throws the
/// completion's error.
/// </summary>
/// <remarks>
/// Two kinds, chosen by the policy (<see cref="Create"/>), because they are best at different things:
/// <see cref="ChannelSubscriptionBuffer{T}"/> when only the consumer reads (Wait), and
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
        => policy == SlowConsumerPolicy.Wait ? new ChannelSubscriptionBuffer<T>() : new QueueSubscriptionBuffer<T>();

    /// <summary>Adds an update; false once the buffer was completed.</summary>
    public abstract bool TryWrite(T item);

    /// <summary>Takes the oldest update: the consumer, or (DropOldest, LatestWins) a writer making room.</summary>
    public abstract bool TryRead(out T item);

    /// <summary>Ends the buffer: no more writes; the reader reads what is left, then sees the end (or <paramref name="error"/>). The first end stands.</summary>
    public abstract void Complete(Exception? error);

    /// <summary>
    /// Completes when an update can be read (<see langword="true"/>) or the buffer ended and is empty (<see langword="false"/>,
    /// or the completion's error). One reader at a time: the subscription's enumerator.
    /// </summary>
    public abstract ValueTask<bool> WaitToReadAsync();
}
