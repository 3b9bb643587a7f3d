namespace Protocol.SocketIO;

/// <summary>
/// Bounds the time between a binary header and its last attachment: a server that announces attachments and never
/// sends them would otherwise hold the half-built message (and every later message) forever.
/// </summary>
/// <remarks>
/// The read loop only stamps when a header starts waiting and clears the count when its message completes (no timer
/// call, no allocation per message); the one timer, armed when idle, checks the stamp when it fires and re-arms itself
/// for the rest of the window while a header waits.
/// </remarks>
internal sealed class AttachmentDeadline : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _limit;
    private readonly Action<int> _onExpired;
    private ITimer? _timer;
    private long _headerTime;
    private int _pending;
    private int _armed;
    private int _state; // 0 running, 1 fired, 2 disposed

    public AttachmentDeadline(TimeProvider timeProvider, TimeSpan limit, Action<int> onExpired)
    {
        _time = timeProvider;
        _limit = limit;
        _onExpired = onExpired;
    }

    public TimeSpan Limit => _limit;

    /// <summary>A header now waits for <paramref name="attachments"/> binary frames. Called by the read loop.</summary>
    public void Arm(int attachments)
    {
        if (Volatile.Read(ref _state) != 0)
        {
            return;
        }

        Volatile.Write(ref _headerTime, _time.GetTimestamp());
        Volatile.Write(ref _pending, attachments);
        if (Interlocked.Exchange(ref _armed, 1) == 0)
        {
            // Created at the first header only: most sessions never receive a binary packet.
            _timer ??= _time.CreateTimer(static s => ((AttachmentDeadline)s!).Check(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(_limit, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>An attachment arrived: <paramref name="remaining"/> are still missing (0 when the message is complete). Called by the read loop.</summary>
    public void Received(int remaining) => Volatile.Write(ref _pending, remaining);

    public void Dispose()
    {
        Interlocked.Exchange(ref _state, 2);
        _timer?.Dispose();
    }

    private void Check()
    {
        if (Volatile.Read(ref _state) != 0)
        {
            return;
        }

        var pending = Volatile.Read(ref _pending);
        if (pending == 0)
        {
            Volatile.Write(ref _armed, 0);

            // A header that arrived while the flag was still set found the timer running: arm it for that header.
            if (Volatile.Read(ref _pending) == 0 || Interlocked.CompareExchange(ref _armed, 1, 0) != 0)
            {
                return;
            }

            pending = Volatile.Read(ref _pending);
        }

        var waited = _time.GetElapsedTime(Volatile.Read(ref _headerTime));
        if (waited < _limit)
        {
            _timer!.Change(_limit - waited, Timeout.InfiniteTimeSpan);
            return;
        }

        if (pending > 0 && Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            _onExpired(pending);
        }
    }
}
