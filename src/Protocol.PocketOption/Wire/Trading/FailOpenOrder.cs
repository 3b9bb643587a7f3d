
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// An order was refused: <c>failopenOrder</c> <c>{"error":…,"amount":…,"asset":…}</c>. It carries no request id, so it is matched
/// to the oldest pending order on the same asset and amount; a failure that lacks either still reads (pocketoption.md §4 notes
/// that such a payload made the reference client's caller hang) but matches no order.
/// </summary>
[ProtocolMessage("failopenOrder", Direction = WireDirection.Incoming)]
public sealed partial class FailOpenOrder
{
    /// <summary>The platform's reason, as it sent it.</summary>
    public string Error { get; set; } = "";

    /// <summary>The refused order's stake, when sent.</summary>
    public decimal? Amount { get; set; }

    /// <summary>The refused order's asset, when sent.</summary>
    public string? Asset { get; set; }
}
