
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// A pending order was refused: <c>failopenPendingOrder</c> shaped like <see cref="FailOpenOrder"/>; amount and asset are
/// optional (pocketoption.md §4 [AMBIGUOUS]: the reference client timed out on a failure without them).
/// </summary>
[ProtocolMessage("failopenPendingOrder", Direction = WireDirection.Incoming)]
public sealed partial class FailOpenPendingOrder
{
    /// <summary>The platform's reason.</summary>
    [WireOptional]
    public string Error { get; set; } = "";

    /// <summary>The refused order's stake, when sent.</summary>
    public decimal? Amount { get; set; }

    /// <summary>The refused order's asset, when sent.</summary>
    public string? Asset { get; set; }
}
