
namespace Protocol.PocketOption.Wire;

/// <summary><c>42["subfor","EURUSD_otc"]</c>: starts the asset's <c>updateStream</c> ticks. There is no unsubscribe message.</summary>
[ProtocolMessage("subfor", Direction = WireDirection.Outgoing, Layout = WireLayout.Value)]
public sealed partial class SubscribeFor
{
    /// <summary>The asset.</summary>
    public string Asset { get; set; } = "";
}
