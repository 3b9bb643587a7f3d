namespace Protocol;

/// <summary>
/// A token bucket in front of every module command (what handles issue: orders, requests), so a caller in a tight loop is slowed
/// instead of getting the account disconnected: a command takes a token, or waits in line for the next one. Protocol control frames
/// (pongs, the login, periodic keep-alives, subscription replays) never pass through it. Tokens are added on the client's
/// <see cref="TimeProvider"/>. Set <see cref="ClientOptions.CommandRateLimit"/> to enable it.
/// </summary>
/// <example><code>
/// builder.Configure(o =&gt; o.CommandRateLimit = new CommandRateLimitOptions { TokenLimit = 10, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(1) });
/// </code></example>
public sealed class CommandRateLimitOptions
{
    /// <summary>The burst: how many commands may go out at once after a quiet spell. Default 10.</summary>
    public int TokenLimit { get; set; } = 10;

    /// <summary>How many tokens come back every <see cref="ReplenishmentPeriod"/>. Default 5.</summary>
    public int TokensPerPeriod { get; set; } = 5;

    /// <summary>How often tokens come back. Default 1 s (with the defaults: 5 commands per second sustained, bursts of 10).</summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many commands may wait for a token; one more fails at once with <see cref="CommandRateLimitedException"/>, nothing sent.
    /// Default 100.
    /// </summary>
    public int QueueLimit { get; set; } = 100;

    /// <summary>Checks the options (what <see cref="ClientOptions"/> does when a client is built; a host may call it at start).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it and the allowed range.</exception>
    public void Validate()
    {
        if (TokenLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TokenLimit), TokenLimit, "CommandRateLimit.TokenLimit must be at least 1.");
        }

        if (TokensPerPeriod < 1 || TokensPerPeriod > TokenLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(TokensPerPeriod), TokensPerPeriod, $"CommandRateLimit.TokensPerPeriod must be between 1 and TokenLimit ({TokenLimit}).");
        }

        if (ReplenishmentPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplenishmentPeriod), ReplenishmentPeriod, "CommandRateLimit.ReplenishmentPeriod must be positive.");
        }

        if (QueueLimit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueLimit), QueueLimit, "CommandRateLimit.QueueLimit must not be negative.");
        }
    }
}
