
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// Deals that just closed: <c>successcloseOrder</c> as <c>{"profit":…,"deals":[…]}</c> or as a bare array of deals (then
/// <see cref="Profit"/> stays 0).
/// </summary>
[ProtocolMessage("successcloseOrder", Direction = WireDirection.Incoming)]
public sealed partial class SuccessCloseOrder
{
    /// <summary>The summed profit of <see cref="Deals"/> (0 in the bare form).</summary>
    [WireOptional]
    public decimal Profit { get; set; }

    /// <summary>The closed deals.</summary>
    [WireBareArray]
    public List<Deal> Deals { get; set; } = [];
}
