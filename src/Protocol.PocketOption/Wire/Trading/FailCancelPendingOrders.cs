
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>Cancelling several pending orders was refused: <c>failcancelPendingOrders</c> <c>{"error":…}</c>.</summary>
[ProtocolMessage("failcancelPendingOrders", Direction = WireDirection.Incoming)]
public sealed partial class FailCancelPendingOrders
{
    /// <summary>The platform's reason.</summary>
    [WireOptional]
    public string Error { get; set; } = "";
}
