namespace Protocol.Server.Sessions;

// How an ended session waits for its running handler: the handlers were told of the end by their token; one that ignores
// it gets the drain timeout (on the session's clock), then is abandoned, since a handler that never returns must not hold
// the WebSocket, the request and the server's shutdown for ever. An abandoned handler stays observed: whenever it ends,
// `ended` sees it, so that a late failure is logged rather than left unobserved.
internal static class HandlerDrain
{
    // True when the handler ended within the limit (and `ended` has seen it); false when it was abandoned.
    public static async Task<bool> WaitAsync(Task handling, TimeSpan limit, TimeProvider clock, Action<Task> ended)
    {
        await handling.WaitAsync(limit, clock).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (handling.IsCompleted)
        {
            ended(handling);
            return true;
        }

        _ = handling.ContinueWith(
            static (task, state) => ((Action<Task>)state!)(task),
            ended,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return false;
    }
}
