namespace Protocol.SocketIO;

/// <summary>
/// Declares the link dead when no inbound frame at all arrives within the window (pingInterval + pingTimeout by
/// default). Any frame proves the server alive, not only its pings: a server busy streaming binary events may send its
/// ping late, and the frames already arriving show the link works.
/// </summary>
/// <remarks>
/// The read loop only stamps the time of each frame (<see cref="Touch"/>, no timer call, no allocation); the one timer
/// checks that stamp when it fires and re-arms itself for the rest of the window when a frame came since.
/// </remarks>
internal sealed class HeartbeatWatchdog : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly TimeSpan _window;
    private readonly Action _onExpired;
    private long _lastFrame;
    private int _state; // 0 armed, 1 fired, 2 disposed

    public HeartbeatWatchdog(TimeProvider timeProvider, TimeSpan window, Action onExpired)
    {
        _time = timeProvider;
        _window = window;
        _onExpired = onExpired;
        _lastFrame = timeProvider.GetTimestamp();
        _timer = timeProvider.CreateTimer(static s => ((HeartbeatWatchdog)s!).Check(), this, window, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Window => _window;

    /// <summary>A frame arrived: the server is alive for another window.</summary>
    public void Touch() => Volatile.Write(ref _lastFrame, _time.GetTimestamp());

    public void Dispose()
    {
        Interlocked.Exchange(ref _state, 2);
        _timer.Dispose();
    }

    private void Check()
    {
        if (Volatile.Read(ref _state) != 0)
        {
            return;
        }

        var quiet = _time.GetElapsedTime(Volatile.Read(ref _lastFrame));
        if (quiet < _window)
        {
            // A frame came since the timer was armed: wait for the rest of the window after it.
            _timer.Change(_window - quiet, Timeout.InfiniteTimeSpan);
            return;
        }

        if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            _onExpired();
        }
    }
}
