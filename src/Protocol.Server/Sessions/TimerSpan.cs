namespace Protocol.Server.Sessions;

// The check every server timeout option shares: positive, and short enough for a timer.
internal static class TimerSpan
{
    public static void RequireValid(TimeSpan value, string name)
    {
        // A .NET timer holds at most 2^32-2 ms.
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > uint.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and at most 49 days.");
        }
    }
}
