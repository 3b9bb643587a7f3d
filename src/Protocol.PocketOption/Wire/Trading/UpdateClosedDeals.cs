
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>Recently closed deals: <c>updateClosedDeals</c> with a bare array of <see cref="Deal"/>s (a row without an id is skipped).</summary>
[ProtocolMessage("updateClosedDeals", Layout = WireLayout.Value, Direction = WireDirection.Incoming)]
public sealed partial class UpdateClosedDeals
{
    /// <summary>The closed deals.</summary>
    public List<Deal> Deals { get; set; } = [];
}
