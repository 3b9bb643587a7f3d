namespace Protocol.Server.Sessions;

// The token handlers are given to learn that what they serve has ended (a Socket.IO socket left, a session ended),
// cancelled once. CancelAsync: the token reads as cancelled at once, but its callbacks (a handler's awaits resuming among
// them) run on the thread pool rather than inline on whoever ended it (the receive loop, a timer under its lock, the
// session's teardown), which a callback that blocks or throws would otherwise hold up or break. Each callback's failure
// is reported, and the source is disposed once they have all run. The token is kept apart from the source: reading it
// never meets a disposed source, and a token of a cancelled source stays cancelled after its disposal.
internal sealed class EndSignal
{
    private readonly CancellationTokenSource _source = new();
    private readonly Action<Exception> _reportFailure;
    private int _signalled;

    public EndSignal(Action<Exception> reportFailure)
    {
        _reportFailure = reportFailure;
        Token = _source.Token;
    }

    public CancellationToken Token { get; }

    // Cancels the token (the first call only) without running its callbacks on this thread.
    public void Signal()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 1)
        {
            return;
        }

        _ = _source.CancelAsync().ContinueWith(
            static (cancelled, state) => ((EndSignal)state!).Cancelled(cancelled),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Cancelled(Task cancelled)
    {
        if (cancelled.Exception is { } error)
        {
            // Every callback ran; each failure is its own callback's.
            foreach (var failure in error.Flatten().InnerExceptions)
            {
                _reportFailure(failure);
            }
        }

        _source.Dispose();
    }
}
