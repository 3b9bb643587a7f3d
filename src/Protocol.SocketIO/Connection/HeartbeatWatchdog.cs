namespace Protocol.SocketIO;

/// <summary>
/// Declares the link dead when no server ping arrives within pingInterval + pingTimeout, re-armed on every ping
/// (the JS client's <c>_resetPingTimeout</c>). One timer, changed in place: no allocation per ping.
/// </summary>
internal sealed class HeartbeatWatchdog : IDisposable
{
    private readonly ITimer _timer;
    private readonly TimeSpan _window;
    private readonly Action _onExpired;
    private int _state; // 0 armed, 1 fired, 2 disposed

    public HeartbeatWatchdog(TimeProvider timeProvider, TimeSpan window, Action onExpired)
    {
        _window = window;
        _onExpired = onExpired;
        _timer = timeProvider.CreateTimer(static s => ((HeartbeatWatchdog)s!).Expire(), this, window, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Window => _window;

    /// <summary>A ping arrived: the server is alive for another window.</summary>
    public void Reset()
    {
        if (Volatile.Read(ref _state) == 0)
        {
            _timer.Change(_window, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _state, 2);
        _timer.Dispose();
    }

    private void Expire()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            _onExpired();
        }
    }
}
