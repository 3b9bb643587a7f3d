
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// A pending order was placed: <c>successopenPendingOrder</c> with the order itself, or (older servers, pocketoption.md §3.2
/// [AMBIGUOUS]) wrapped as <c>{"data":{…}}</c>; <see cref="Order"/> is the order in either form.
/// </summary>
[ProtocolMessage("successopenPendingOrder", Direction = WireDirection.Incoming)]
public sealed partial class SuccessOpenPendingOrder : PendingOrder
{
    /// <summary>The order, in the wrapped form.</summary>
    public PendingOrder? Data { get; set; }

    /// <summary>The placed order, whichever form it came in.</summary>
    [WireIgnore]
    public PendingOrder Order => Data ?? this;
}
