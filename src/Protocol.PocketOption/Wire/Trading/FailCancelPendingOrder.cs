
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>Cancelling one pending order was refused: <c>failcancelPendingOrder</c> <c>{"error":…}</c> (a ticket or id when sent).</summary>
[ProtocolMessage("failcancelPendingOrder", Direction = WireDirection.Incoming)]
public sealed partial class FailCancelPendingOrder
{
    /// <summary>The platform's reason.</summary>
    [WireOptional]
    public string Error { get; set; } = "";

    /// <summary>The order's ticket, when sent.</summary>
    public string? Ticket { get; set; }

    /// <summary>The order's id, when sent.</summary>
    public string? Id { get; set; }
}
