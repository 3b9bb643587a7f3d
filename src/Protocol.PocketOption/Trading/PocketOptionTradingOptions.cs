namespace Protocol.PocketOption.Trading;

/// <summary>Limits and timeouts of <see cref="PocketOptionTrading"/>; the defaults follow the platform's own limits.</summary>
public sealed class PocketOptionTradingOptions
{
    /// <summary>The smallest stake an order may have (default 1, the platform's minimum).</summary>
    public decimal MinAmount { get; set; } = 1m;

    /// <summary>The largest stake an order may have (default 20,000, the platform's maximum).</summary>
    public decimal MaxAmount { get; set; } = 20_000m;

    /// <summary>How long an order waits for its answer before it fails with "outcome unknown" (default 15 s).</summary>
    public TimeSpan OrderTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Added to a deal's duration to get the default wait of <c>CheckResultAsync</c> (default 30 s: the result comes after expiry).</summary>
    public TimeSpan ResultGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The default wait of <c>CheckResultAsync</c> for a deal whose timestamps the platform did not send (default 5 min).</summary>
    public TimeSpan ResultTimeoutWithoutExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a pending-order request (open, cancel) waits for its answer (default 30 s).</summary>
    public TimeSpan PendingOrderTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit or timeout is not valid; the message names it.</exception>
    public void Validate()
    {
        if (MinAmount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinAmount), MinAmount, "PocketOptionTradingOptions.MinAmount must be positive (the platform's minimum stake is 1).");
        }

        if (MaxAmount < MinAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAmount), MaxAmount, $"PocketOptionTradingOptions.MaxAmount must be at least MinAmount ({MinAmount}).");
        }

        Positive(OrderTimeout, nameof(OrderTimeout));
        Positive(ResultTimeoutWithoutExpiry, nameof(ResultTimeoutWithoutExpiry));
        Positive(PendingOrderTimeout, nameof(PendingOrderTimeout));
        if (ResultGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ResultGrace), ResultGrace, "PocketOptionTradingOptions.ResultGrace must not be negative.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"PocketOptionTradingOptions.{name} must be a positive duration.");
        }
    }
}
