
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>Cancels one pending order: <c>42["cancelPendingOrder",{"ticket":"…"}]</c>.</summary>
[ProtocolMessage("cancelPendingOrder", Direction = WireDirection.Outgoing)]
public sealed partial class CancelPendingOrder
{
    /// <summary>The order's ticket.</summary>
    public string Ticket { get; set; } = "";
}
