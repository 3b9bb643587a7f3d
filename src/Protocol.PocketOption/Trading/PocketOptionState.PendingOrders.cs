using Protocol.PocketOption.Trading.PendingOrders;

namespace Protocol.PocketOption;

// The class-level summary lives in the client's part (Client/PocketOptionState.cs); this part only adds the pending-order book.
#pragma warning disable CS1591
public sealed partial class PocketOptionState
#pragma warning restore CS1591
{
    /// <summary>
    /// The pending orders this client placed and has not seen cancelled, kept current by the pending-orders module from
    /// <c>successopenPendingOrder</c>, <c>successcancelPendingOrder</c> and <c>successcancelPendingOrders</c>.
    /// </summary>
    public PendingOrderBook PendingOrders { get; } = new();
}
