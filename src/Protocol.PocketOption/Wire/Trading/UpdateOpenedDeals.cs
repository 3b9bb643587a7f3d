
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>The account's open deals: <c>updateOpenedDeals</c> with a bare array of <see cref="Deal"/>s (a row without an id is skipped).</summary>
[ProtocolMessage("updateOpenedDeals", Layout = WireLayout.Value, Direction = WireDirection.Incoming)]
public sealed partial class UpdateOpenedDeals
{
    /// <summary>The open deals.</summary>
    public List<Deal> Deals { get; set; } = [];
}
