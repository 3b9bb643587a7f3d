using Protocol.PocketOption.Trading.Deals;
using Protocol.PocketOption.Trading.Orders;
using Protocol.PocketOption.Trading.PendingOrders;

namespace Protocol.PocketOption.Trading;

/// <summary>Registers the trading modules on a PocketOption client builder.</summary>
public static class PocketOptionTradingRegistration
{
    /// <summary>
    /// PocketOption's default command rate limit: bursts of 10 commands, then 5 per second, up to 100 waiting (a command waits for its
    /// turn within its own timeout, so a bot placing orders in a loop is slowed instead of being disconnected by the platform).
    /// </summary>
    /// <returns>A new instance of the default.</returns>
    public static CommandRateLimitOptions DefaultCommandRateLimit() => new() { TokenLimit = 10, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 100 };

    /// <summary>
    /// Adds the modules <see cref="PocketOptionTrading"/> stands on (orders, the deal book and pending orders) and, unless the options
    /// already have one, <see cref="DefaultCommandRateLimit"/> as <see cref="ClientOptions.CommandRateLimit"/>. Control frames (pongs,
    /// the login, keep-alives) are never limited.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <returns>The builder.</returns>
    public static ClientBuilder<PocketOptionState> AddPocketOptionTrading(this ClientBuilder<PocketOptionState> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Configure(options => options.CommandRateLimit ??= DefaultCommandRateLimit())
            .AddTradesModule()
            .AddDealsModule()
            .AddPendingOrdersModule();
    }
}
