using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>Runs an operation under a timeout; the generated <c>[ProtocolTimeout]</c> wrappers call this.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TimeoutRunner
{
    /// <summary>Runs <paramref name="operation"/>, cancelling it and throwing <see cref="OperationTimeoutException"/> when the timeout expires first.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="name">The operation's name for the error.</param>
    /// <param name="timeout">The timeout.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="operation">The operation, given a token that is cancelled on timeout or by <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">The caller's token; its cancellation is reported as cancellation, not as a timeout.</param>
    /// <returns>The operation's result.</returns>
    public static async Task<T> RunAsync<T>(string name, TimeSpan timeout, TimeProvider timeProvider, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var bound = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        var task = operation(linked.Token);
        await BoundedWait.WaitAsync(task, bound, linked.Token, timeout, name, cancellationToken).ConfigureAwait(false);
        return task.Result;
    }

    /// <summary>Runs <paramref name="operation"/>, cancelling it and throwing <see cref="OperationTimeoutException"/> when the timeout expires first.</summary>
    /// <param name="name">The operation's name for the error.</param>
    /// <param name="timeout">The timeout.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="operation">The operation, given a token that is cancelled on timeout or by <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">The caller's token; its cancellation is reported as cancellation, not as a timeout.</param>
    /// <returns>A task that completes with the operation.</returns>
    public static async Task RunAsync(string name, TimeSpan timeout, TimeProvider timeProvider, Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var bound = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        // One timer per call, the bound's, disposed before the call returns; waiting on the linked token enforces the
        // timeout even when the operation ignores its token.
        await BoundedWait.WaitAsync(operation(linked.Token), bound, linked.Token, timeout, name, cancellationToken).ConfigureAwait(false);
    }
}
