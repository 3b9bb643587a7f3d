namespace Protocol;

/// <summary>What a subscription does when its consumer falls behind and its buffer is full.</summary>
public enum SlowConsumerPolicy
{
    /// <summary>
    /// Nothing is lost while the consumer lags by less than twice <see cref="SubscriptionOptions.Capacity"/>: a full buffer
    /// hands updates to this subscription's own pump, which waits for room up to <see cref="SubscriptionOptions.WaitTimeout"/>
    /// per update; an update that waited longer, or that finds the pump's queue full too, is dropped and counted. Only this
    /// subscriber waits: the receive path, command replies and other subscribers never do. For data that must not be lost.
    /// </summary>
    Wait,

    /// <summary>The oldest buffered item is discarded to make room (counted). For event streams where recent history matters.</summary>
    DropOldest,

    /// <summary>Only the newest item is kept: a buffer of one, overwritten (counted). For ticks and balances.</summary>
    LatestWins,
}
