namespace Protocol.Subscriptions;

/// <summary>What a subscription does when its consumer falls behind and its buffer is full.</summary>
public enum SlowConsumerPolicy
{
    /// <summary>
    /// The publishing module waits for room (up to <see cref="SubscriptionOptions.WaitTimeout"/>, then the item is
    /// dropped and counted). Only that module waits; the router and other modules carry on. For data that must not be lost.
    /// </summary>
    Wait,

    /// <summary>The oldest buffered item is discarded to make room (counted). For event streams where recent history matters.</summary>
    DropOldest,

    /// <summary>Only the newest item is kept: a buffer of one, overwritten (counted). For ticks and balances.</summary>
    LatestWins,
}
