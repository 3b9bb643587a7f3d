namespace Protocol.Server.Sessions;

// Who may still touch a session's timers and stop token. The session holds one lease from its start to its disposal;
// whoever reaches in from another thread (an abort or a stall from the application, a timer callback, a graceful close
// finishing late) takes one for as long as it works. The resources are released when the last lease is returned, so
// nobody ever changes a disposed timer or cancels a disposed token source, and a caller that comes after the end is told
// so (TryEnter fails) instead of getting an ObjectDisposedException.
internal sealed class SessionLifetime(Action release)
{
    private int _leases = 1;
    private int _ownerLeft;

    // Whether the session's resources are still there; when true, call Exit once done with them.
    public bool TryEnter()
    {
        var leases = Volatile.Read(ref _leases);
        while (leases > 0)
        {
            var seen = Interlocked.CompareExchange(ref _leases, leases + 1, leases);
            if (seen == leases)
            {
                return true;
            }

            leases = seen;
        }

        return false;
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _leases) == 0)
        {
            release();
        }
    }

    // Cancels the session's stop token unless the session is already over (then there is nothing to stop, and the source
    // may be disposed).
    public void CancelIfAlive(CancellationTokenSource stop)
    {
        if (TryEnter())
        {
            try
            {
                stop.Cancel();
            }
            finally
            {
                Exit();
            }
        }
    }

    // The session's own lease, returned once at its disposal.
    public void OwnerExit()
    {
        if (Interlocked.Exchange(ref _ownerLeft, 1) == 0)
        {
            Exit();
        }
    }
}
