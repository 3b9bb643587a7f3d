namespace Protocol;

/// <summary>
/// The JSON-action connection's liveness check: after <c>pingAfter</c> without an inbound frame it asks for an
/// application ping (again after each further quiet interval), and after <c>idleTimeout</c> without one it declares the
/// session dead. The receive loop only stamps the time of each frame (<see cref="Touch"/>); one timer on the
/// <see cref="TimeProvider"/> checks the stamps when it fires and re-arms itself for the next deadline.
/// </summary>
internal sealed class IdleMonitor : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _pingAfter;
    private readonly Action _onPing;
    private readonly Action<TimeSpan> _onTimeout;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _lastFrame;
    private long _lastPing;
    private bool _stopped;

    /// <param name="timeProvider">The clock.</param>
    /// <param name="idleTimeout">No inbound frame for this long ends the session; <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="pingAfter">No inbound frame for this long sends a ping; <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="onPing">Sends the ping; must not block.</param>
    /// <param name="onTimeout">Ends the session; receives the quiet time.</param>
    public IdleMonitor(TimeProvider timeProvider, TimeSpan idleTimeout, TimeSpan pingAfter, Action onPing, Action<TimeSpan> onTimeout)
    {
        _time = timeProvider;
        _idleTimeout = idleTimeout;
        _pingAfter = pingAfter;
        _onPing = onPing;
        _onTimeout = onTimeout;
        _lastFrame = _lastPing = timeProvider.GetTimestamp();
        _timer = timeProvider.CreateTimer(static s => ((IdleMonitor)s!).Check(), this, Min(idleTimeout, pingAfter), Timeout.InfiniteTimeSpan);
    }

    /// <summary>A frame (or a fragment of one) arrived.</summary>
    public void Touch() => Volatile.Write(ref _lastFrame, _time.GetTimestamp());

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _timer.Dispose();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) =>
        a == Timeout.InfiniteTimeSpan ? b : b == Timeout.InfiniteTimeSpan ? a : (a < b ? a : b);

    private void Check()
    {
        var ping = false;
        TimeSpan? timedOut = null;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var lastFrame = Volatile.Read(ref _lastFrame);
            var quiet = _time.GetElapsedTime(lastFrame);
            if (_idleTimeout != Timeout.InfiniteTimeSpan && quiet >= _idleTimeout)
            {
                _stopped = true;
                timedOut = quiet;
            }
            else
            {
                var next = _idleTimeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : _idleTimeout - quiet;
                if (_pingAfter != Timeout.InfiniteTimeSpan)
                {
                    // Quiet since the last frame or the last ping, whichever is later: one ping per quiet interval.
                    var sincePing = _time.GetElapsedTime(Math.Max(lastFrame, _lastPing));
                    if (sincePing >= _pingAfter)
                    {
                        ping = true;
                        _lastPing = _time.GetTimestamp();
                        sincePing = TimeSpan.Zero;
                    }

                    next = Min(next, _pingAfter - sincePing);
                }

                _timer.Change(next, Timeout.InfiniteTimeSpan);
            }
        }

        if (timedOut is { } idle)
        {
            _onTimeout(idle);
        }
        else if (ping)
        {
            _onPing();
        }
    }
}
