namespace Protocol;

/// <summary>
/// Reconnect policy: before attempt <c>n</c> (1-based) the runner waits
/// <c>min(Cap, Base · 2^(n-1)) · U[1 - Jitter, 1 + Jitter]</c>. An attempt is a round over every endpoint in order;
/// the counter resets when a session stays <see cref="ConnectionState.Ready"/> for <see cref="StableAfter"/>.
/// </summary>
public sealed class ReconnectOptions
{
    /// <summary>The first delay. Default 5 s.</summary>
    public TimeSpan Base { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest nominal delay (before jitter). Default 300 s.</summary>
    public TimeSpan Cap { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The relative jitter applied to every delay, 0 to 1. Default 0.2 (±20 %).</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>How many consecutive failed attempts end in <see cref="ConnectionState.Closed"/>; <see langword="null"/> (default) never gives up.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>How long a session must stay Ready for the attempt counter to reset. Default 30 s.</summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (Base <= TimeSpan.Zero || Cap < Base)
        {
            throw new ArgumentOutOfRangeException(nameof(Base), $"Reconnect Base must be positive and Cap at least Base (Base {Base}, Cap {Cap}).");
        }

        if (Jitter is < 0 or > 1 || double.IsNaN(Jitter))
        {
            throw new ArgumentOutOfRangeException(nameof(Jitter), Jitter, "Reconnect Jitter is a fraction between 0 and 1 (0.2 means ±20 %).");
        }

        if (MaxAttempts is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be at least 1, or null for unlimited.");
        }

        if (StableAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StableAfter), StableAfter, "StableAfter cannot be negative.");
        }
    }
}
