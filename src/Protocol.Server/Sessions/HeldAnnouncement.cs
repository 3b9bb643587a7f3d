namespace Protocol.Server.Sessions;

// An end told to the application (a Disconnected or Closed event) no sooner than the connection handlers have returned,
// so that a connection handler that subscribes while it runs always hears it. Raised once, by whichever comes last: the
// end, or the handlers returning (or the drain giving up on them, which releases the hold too).
internal sealed class HeldAnnouncement(Action announce)
{
    private readonly Lock _gate = new();
    private bool _held = true;
    private bool _due;

    // The end came (once): announced now, or when the hold is released.
    public void Announce()
    {
        lock (_gate)
        {
            if (_held)
            {
                _due = true;
                return;
            }
        }

        announce();
    }

    // The connection handlers returned, or will not be waited for: an end that came meanwhile is announced now. Only the
    // first call counts: an abandoned handler may still return later.
    public void Release()
    {
        bool due;
        lock (_gate)
        {
            if (!_held)
            {
                return;
            }

            _held = false;
            due = _due;
        }

        if (due)
        {
            announce();
        }
    }
}
