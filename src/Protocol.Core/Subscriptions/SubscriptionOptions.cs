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

    /// <summary>Options with <see cref="SlowConsumerPolicy.LatestWins"/>.</summary>
    public static SubscriptionOptions LatestWins { get; } = new() { Policy = SlowConsumerPolicy.LatestWins, Capacity = 1 };

    /// <summary>The defaults: <see cref="SlowConsumerPolicy.DropOldest"/>, 256 items.</summary>
    public static SubscriptionOptions Default { get; } = new();
}
