namespace Protocol;

/// <summary>Computes reconnect (and module restart) delays: exponential, capped, with symmetric jitter.</summary>
public sealed class BackoffSchedule
{
    private readonly Random _random;

    /// <summary>Creates a schedule.</summary>
    /// <param name="baseDelay">The delay of attempt 1.</param>
    /// <param name="cap">The largest nominal delay.</param>
    /// <param name="jitter">Relative jitter, 0 to 1.</param>
    /// <param name="random">The jitter source; <see cref="Random.Shared"/> by default.</param>
    public BackoffSchedule(TimeSpan baseDelay, TimeSpan cap, double jitter, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, baseDelay);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 1);
        Base = baseDelay;
        Cap = cap;
        Jitter = jitter;
        _random = random ?? Random.Shared;
    }

    /// <summary>The delay of attempt 1.</summary>
    public TimeSpan Base { get; }

    /// <summary>The largest nominal delay.</summary>
    public TimeSpan Cap { get; }

    /// <summary>Relative jitter.</summary>
    public double Jitter { get; }

    /// <summary>The delay before attempt <paramref name="attempt"/> without jitter: <c>min(Cap, Base · 2^(attempt-1))</c>.</summary>
    /// <param name="attempt">1-based attempt number.</param>
    public TimeSpan GetNominalDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);

        // 2^40 · any sane base overflows nothing in double and is far past any cap.
        var factor = Math.Pow(2, Math.Min(attempt - 1, 40));
        var ticks = Math.Min(Cap.Ticks, Base.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The delay before attempt <paramref name="attempt"/>, jittered within ±<see cref="Jitter"/> of the nominal delay, in whole milliseconds.</summary>
    /// <param name="attempt">1-based attempt number.</param>
    public TimeSpan GetDelay(int attempt)
    {
        var nominal = GetNominalDelay(attempt);
        double sample;
        lock (_random)
        {
            sample = _random.NextDouble();
        }

        var factor = 1 + (Jitter * ((2 * sample) - 1));

        // Whole milliseconds: timers (Task.Delay included) truncate to them, so the reported delay is the real one.
        return TimeSpan.FromMilliseconds(Math.Round(nominal.TotalMilliseconds * factor));
    }
}
