namespace Protocol;

/// <summary>How one subscription buffers.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>The buffer size (ignored by <see cref="SlowConsumerPolicy.LatestWins"/>, which keeps one). Default 256.</summary>
    public int Capacity { get; init; } = 256;

    /// <summary>What happens when the buffer is full. Default <see cref="SlowConsumerPolicy.DropOldest"/>.</summary>
    public SlowConsumerPolicy Policy { get; init; } = SlowConsumerPolicy.DropOldest;

    /// <summary>For <see cref="SlowConsumerPolicy.Wait"/>: how long the subscription's pump waits for room for one update before dropping it. Default 10 s.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// For a keyed subscription: a handler of <see cref="Subscription{T}.Resumed"/>, attached when the subscription is created,
    /// before its stream can be started. A handler added to the returned subscription misses a reconnect that happens between
    /// the start and the moment it is added (the count in <see cref="Subscription{T}.ResumeCount"/> still shows it); one given
    /// here sees every resume, which matters to code that must mark each gap (a candle must not span one). Runs on the client's
    /// connection task: keep it short.
    /// </summary>
    public EventHandler? OnResumed { get; init; }

    /// <summary>Options with <see cref="SlowConsumerPolicy.LatestWins"/>.</summary>
    public static SubscriptionOptions LatestWins { get; } = new() { Policy = SlowConsumerPolicy.LatestWins, Capacity = 1 };

    /// <summary>The defaults: <see cref="SlowConsumerPolicy.DropOldest"/>, 256 items.</summary>
    public static SubscriptionOptions Default { get; } = new();
}
