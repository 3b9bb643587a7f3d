namespace Protocol.PocketOption.Wire;

/// <summary>PocketOption's timestamps: Unix seconds with a fraction, or Unix milliseconds (values over 10^12).</summary>
public static class PocketTime
{
    private const double MillisecondsThreshold = 1e12;
    private static readonly double MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>Converts a wire timestamp to an instant.</summary>
    /// <param name="value">Unix seconds (<c>1770856131.3</c>) or milliseconds (<c>1770856131300</c>).</param>
    /// <returns>The instant, to the millisecond.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or outside the representable range.</exception>
    public static DateTimeOffset ToInstant(double value)
        => TryToInstant(value, out var instant)
            ? instant
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A PocketOption timestamp is a non-negative number of Unix seconds or milliseconds before the year 10000.");

    /// <summary>Converts a wire timestamp to an instant, without throwing on a value no clock can show.</summary>
    /// <param name="value">Unix seconds or milliseconds.</param>
    /// <param name="instant">The instant, when it returns true.</param>
    /// <returns>False for a negative, non-finite or too large value.</returns>
    public static bool TryToInstant(double value, out DateTimeOffset instant)
    {
        instant = default;
        if (!double.IsFinite(value) || value < 0)
        {
            return false;
        }

        var milliseconds = Math.Round(value > MillisecondsThreshold ? value : value * 1000);
        if (milliseconds > MaxMilliseconds)
        {
            return false;
        }

        instant = DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        return true;
    }
}
