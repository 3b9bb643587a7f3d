namespace Protocol.PocketOption;

/// <summary>
/// The server's clock as seen through its ticks: each <c>updateStream</c> tick carries the server's time, so the offset
/// between it and the local clock is known, and the server's "now" is the local now plus that offset. The estimate is
/// <see cref="ServerTimeReading.IsStale"/> once no tick arrived for <see cref="StaleAfter"/>.
/// </summary>
public sealed class ServerClock
{
    /// <summary>How long an offset stays fresh without a new tick (30 s, as the reference client).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private TimeSpan _offset;
    private long _updatedAt;
    private bool _known;

    /// <summary>Reads the server's time now.</summary>
    /// <param name="clock">The client's clock.</param>
    /// <returns>The server's estimated now, the offset and whether it is stale (always stale before the first tick).</returns>
    public ServerTimeReading Read(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_known)
            {
                return new ServerTimeReading(now, TimeSpan.Zero, IsKnown: false, IsStale: true);
            }

            var stale = clock.GetElapsedTime(_updatedAt) > StaleAfter;
            return new ServerTimeReading(now + _offset, _offset, IsKnown: true, stale);
        }
    }

    /// <summary>Records the server's time of a tick that just arrived.</summary>
    /// <param name="serverTime">The tick's time.</param>
    /// <param name="clock">The client's clock.</param>
    internal void Update(DateTimeOffset serverTime, TimeProvider clock)
    {
        lock (_gate)
        {
            _offset = serverTime - clock.GetUtcNow();
            _updatedAt = clock.GetTimestamp();
            _known = true;
        }
    }
}
