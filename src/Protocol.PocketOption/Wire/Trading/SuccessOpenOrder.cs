
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>An order was opened: <c>successopenOrder</c> carries the full <see cref="Trading.Deal"/>, echoing the order's <c>requestId</c>.</summary>
[ProtocolMessage("successopenOrder", Layout = WireLayout.Value, Direction = WireDirection.Incoming)]
public sealed partial class SuccessOpenOrder
{
    /// <summary>The opened deal.</summary>
    public Deal Deal { get; set; } = new();
}
