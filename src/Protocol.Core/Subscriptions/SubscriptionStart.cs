using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>
/// For a stream whose subscription is started by the call that returns the stream (so a push between the call and the first
/// read is kept): acts on the subscription at once when the start has succeeded, else as soon as it does. A start that
/// failed has nothing to act on (its error reaches the first read). Nothing here ever waits for a start.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SubscriptionStart
{
    /// <summary>Runs <paramref name="action"/> on the started subscription now, or on the thread that completes the start.</summary>
    /// <typeparam name="TSubscription">The subscription type.</typeparam>
    /// <param name="starting">The start, as the call began it.</param>
    /// <param name="action">What to do with the subscription (keep it short: it may run on the client's connection task).</param>
    public static void WhenStarted<TSubscription>(Task<TSubscription> starting, Action<TSubscription> action)
    {
        ArgumentNullException.ThrowIfNull(starting);
        ArgumentNullException.ThrowIfNull(action);
        if (starting.IsCompletedSuccessfully)
        {
            action(starting.Result);
            return;
        }

        _ = starting.ContinueWith(
            static (start, state) => ((Action<TSubscription>)state!)(start.Result),
            action,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Disposes the subscription at once when it has started, else as soon as it does (never waiting for the start).</summary>
    /// <typeparam name="TSubscription">The subscription type.</typeparam>
    /// <param name="starting">The start, as the call began it.</param>
    /// <returns>A task that completes when a started subscription is disposed, or at once while it is still starting.</returns>
    public static ValueTask DisposeWhenStartedAsync<TSubscription>(Task<TSubscription> starting)
        where TSubscription : IAsyncDisposable
    {
        ArgumentNullException.ThrowIfNull(starting);
        if (starting.IsCompletedSuccessfully)
        {
            return starting.Result.DisposeAsync();
        }

        WhenStarted(starting, static subscription => _ = subscription.DisposeAsync());
        return ValueTask.CompletedTask;
    }
}
