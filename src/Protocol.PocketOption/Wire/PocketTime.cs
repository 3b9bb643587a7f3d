namespace Protocol.PocketOption.Wire;

/// <summary>PocketOption's timestamps: Unix seconds with a fraction, or Unix milliseconds (values over 10^12).</summary>
public static class PocketTime
{
    private const double MillisecondsThreshold = 1e12;

    /// <summary>Converts a wire timestamp to an instant.</summary>
    /// <param name="value">Unix seconds (<c>1770856131.3</c>) or milliseconds (<c>1770856131300</c>).</param>
    /// <returns>The instant, to the millisecond.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or outside the representable range.</exception>
    public static DateTimeOffset ToInstant(double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A PocketOption timestamp is a non-negative number of Unix seconds or milliseconds.");
        }

        var milliseconds = value > MillisecondsThreshold ? value : value * 1000;
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(milliseconds));
    }
}
