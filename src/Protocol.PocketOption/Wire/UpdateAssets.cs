
namespace Protocol.PocketOption.Wire;

/// <summary><c>updateAssets</c>: the whole asset list, one <see cref="AssetRow"/> per asset (usually two-step).</summary>
[ProtocolMessage("updateAssets", Direction = WireDirection.Incoming, Layout = WireLayout.Value)]
public sealed partial class UpdateAssets
{
    /// <summary>The rows that had the declared shape; a bad row is skipped and counted, never fatal.</summary>
    public List<AssetRow> Assets { get; set; } = [];
}
