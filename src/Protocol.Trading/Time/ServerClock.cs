namespace Protocol.Trading.Time;

/// <summary>
/// The server's clock as seen through the times its messages carry (a tick's time): each one gives the offset between the
/// server's clock and the local one, so the server's "now" is the local now plus that offset. The estimate is
/// <see cref="ServerTimeReading.IsStale"/> once nothing updated it for <see cref="StaleAfter"/>.
/// </summary>
/// <example><code>
/// var clock = new ServerClock();
/// clock.Update(tickTime, TimeProvider.System);          // on the receive path, as each tick arrives
/// var serverNow = clock.Read(TimeProvider.System).Now;  // anywhere
/// </code></example>
public sealed class ServerClock
{
    /// <summary>How long an offset stays fresh without a new reading (30 s, as PocketOption's reference client).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private TimeSpan _offset;
    private long _updatedAt;
    private bool _known;

    /// <summary>Reads the server's time now.</summary>
    /// <param name="clock">The client's clock.</param>
    /// <returns>The server's estimated now, the offset and whether it is stale (always stale before the first update).</returns>
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

    /// <summary>Records the server's time carried by a message that just arrived (call it on the receive path).</summary>
    /// <param name="serverTime">The server's time the message carries.</param>
    /// <param name="clock">The client's clock.</param>
    public void Update(DateTimeOffset serverTime, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        lock (_gate)
        {
            _offset = serverTime - clock.GetUtcNow();
            _updatedAt = clock.GetTimestamp();
            _known = true;
        }
    }
}
