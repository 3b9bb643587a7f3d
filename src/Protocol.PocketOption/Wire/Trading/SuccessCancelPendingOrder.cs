
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// A pending order was cancelled: <c>successcancelPendingOrder</c> as <c>{"ticket":…}</c> or <c>{"id":…,"success":…}</c>
/// (both documented, pocketoption.md §3.2); <c>"success":false</c> is a refusal.
/// </summary>
[ProtocolMessage("successcancelPendingOrder", Direction = WireDirection.Incoming)]
public sealed partial class SuccessCancelPendingOrder
{
    /// <summary>The cancelled order's ticket, in the first form.</summary>
    public string? Ticket { get; set; }

    /// <summary>The cancelled order's id or ticket, in the second form (a number is kept as its text).</summary>
    public string? Id { get; set; }

    /// <summary>Whether it was cancelled, in the second form.</summary>
    public bool? Success { get; set; }
}
