using Protocol.PocketOption.Trading.Deals;
using Protocol.PocketOption.Trading.Orders;
using Protocol.PocketOption.Trading.PendingOrders;
using Protocol.Runner;

namespace Protocol.PocketOption.Trading;

/// <summary>Registers the trading modules on a PocketOption client builder.</summary>
public static class PocketOptionTradingRegistration
{
    /// <summary>Adds the modules <see cref="PocketOptionTrading"/> stands on: orders, the deal book and pending orders.</summary>
    /// <param name="builder">The client builder.</param>
    /// <returns>The builder.</returns>
    public static ClientBuilder<PocketOptionState> AddPocketOptionTrading(this ClientBuilder<PocketOptionState> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTradesModule().AddDealsModule().AddPendingOrdersModule();
    }
}
