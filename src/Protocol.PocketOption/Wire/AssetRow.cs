
namespace Protocol.PocketOption.Wire;

/// <summary>
/// One row of <c>updateAssets</c>: a positional array of 19 elements (§3.2), of which the client reads the known ones:
/// <c>[0]</c> id, <c>[1]</c> symbol, <c>[2]</c> name, <c>[3]</c> type, <c>[5]</c> payout %, <c>[9]</c> OTC flag, <c>[14]</c> active,
/// <c>[15]</c> allowed expiries. The arity is not enforced, so a server that appends a 20th element does not empty the asset
/// list; a row without the read positions, or with a wrong type in one of them, is skipped and counted in
/// <c>UpdateAssets.SkippedElements</c>.
/// </summary>
[WireType(Layout = WireLayout.Array)]
public sealed partial class AssetRow
{
    /// <summary>The platform's asset id.</summary>
    [WireIndex(0)]
    public int Id { get; set; }

    /// <summary>The symbol, e.g. <c>EURUSD_otc</c>.</summary>
    [WireIndex(1)]
    public string Symbol { get; set; } = "";

    /// <summary>The display name.</summary>
    [WireIndex(2)]
    public string Name { get; set; } = "";

    /// <summary>The type: <c>stock</c>, <c>currency</c>, <c>commodity</c>, <c>cryptocurrency</c> or <c>index</c> (kept as text: an unknown type does not drop the row).</summary>
    [WireIndex(3)]
    public string Type { get; set; } = "";

    /// <summary>The payout in percent.</summary>
    [WireIndex(5)]
    public int Payout { get; set; }

    /// <summary>1 for an OTC asset.</summary>
    [WireIndex(9)]
    public int IsOtc { get; set; }

    /// <summary>Whether the asset can be traded now.</summary>
    [WireIndex(14)]
    public bool IsActive { get; set; }

    /// <summary>The expiries the platform allows for the asset.</summary>
    [WireIndex(15)]
    public List<ExpiryOption> AllowedExpiries { get; set; } = [];
}
