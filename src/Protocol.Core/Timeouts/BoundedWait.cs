namespace Protocol;

// A wait for a task, bounded on the client's clock, whose timer is gone when the wait returns. Task.WaitAsync(TimeSpan,
// TimeProvider) disposes its own timer only after the awaiting code has resumed (that code runs inline when the task
// completes), so a DisposeAsync built on it could return with a timer still armed for a moment. Here the bound is a
// CancellationTokenSource this method owns and disposes before it returns.
internal static class BoundedWait
{
    // Throws TimeoutException when the task did not complete within the timeout (the task itself goes on); a task that
    // fails or is cancelled rethrows its own exception, as Task.WaitAsync does.
    public static async Task WaitAsync(Task task, TimeSpan timeout, TimeProvider timeProvider)
    {
        if (task.IsCompleted)
        {
            await task.ConfigureAwait(false);
            return;
        }

        using var bound = new CancellationTokenSource(timeout, timeProvider);
        try
        {
            await task.WaitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !task.IsCompleted)
        {
            throw new TimeoutException($"The task did not complete within {timeout}.");
        }
    }
}
