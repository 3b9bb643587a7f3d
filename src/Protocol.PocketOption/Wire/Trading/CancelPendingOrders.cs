
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>Cancels several pending orders: <c>42["cancelPendingOrders",{"tickets":["…",…]}]</c>.</summary>
[ProtocolMessage("cancelPendingOrders", Direction = WireDirection.Outgoing)]
public sealed partial class CancelPendingOrders
{
    /// <summary>The orders' tickets.</summary>
    public List<string> Tickets { get; set; } = [];
}
