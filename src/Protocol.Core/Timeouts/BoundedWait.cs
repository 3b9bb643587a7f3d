namespace Protocol;

// A wait for a task, bounded on the client's clock, whose timer is gone when the wait returns. Task.WaitAsync(TimeSpan,
// TimeProvider) disposes its own timer only after the awaiting code has resumed (that code runs inline when the task
// completes), so a wait built on it could return with a timer still armed for a moment (a test counting the client's
// timers sees it). Here the bound is a CancellationTokenSource this method owns and disposes before it returns.
internal static class BoundedWait
{
    // Throws TimeoutException when the task did not complete within the timeout (the task itself goes on), and
    // OperationCanceledException when cancellationToken ends the wait first; a task that completes, fails or is cancelled
    // gives its own outcome, as Task.WaitAsync does.
    public static async Task WaitAsync(Task task, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        if (task.IsCompleted)
        {
            await task.ConfigureAwait(false);
            return;
        }

        using var bound = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        await WaitAsync(task, bound, linked.Token, timeout, operationName: null, cancellationToken).ConfigureAwait(false);
    }

    // The wait itself, for a caller that owns the bound (TimeoutRunner also hands the bound's token to the operation, so a
    // task cancelled by it counts as timed out). A task that completes or fails, even in a race with the bound, gives its
    // own outcome; the bound firing gives TimeoutException, or OperationTimeoutException naming the operation.
    internal static async Task WaitAsync(Task task, CancellationTokenSource bound, CancellationToken linked, TimeSpan timeout, string? operationName, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(linked).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (task.IsCompleted && !task.IsCanceled)
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw operationName is null
                ? new TimeoutException($"The task did not complete within {timeout}.")
                : new OperationTimeoutException(operationName, timeout);
        }
    }

    // The same for a task with a result.
    public static async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        await WaitAsync((Task)task, timeout, timeProvider, cancellationToken).ConfigureAwait(false);
        return task.Result;
    }
}
