namespace Protocol.Trading.Time;

/// <summary>One reading of the <see cref="ServerClock"/>.</summary>
/// <param name="Now">The server's estimated time now (the local time when <paramref name="IsKnown"/> is false).</param>
/// <param name="Offset">Server time minus local time, from the last update.</param>
/// <param name="IsKnown">Whether any server time has been seen.</param>
/// <param name="IsStale">Whether the last update is older than <see cref="ServerClock.StaleAfter"/> (or there was none).</param>
public readonly record struct ServerTimeReading(DateTimeOffset Now, TimeSpan Offset, bool IsKnown, bool IsStale);
