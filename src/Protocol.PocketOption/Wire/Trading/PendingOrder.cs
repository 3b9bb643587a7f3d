
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// A pending order as the platform describes it (<c>successopenPendingOrder</c>): every member is optional so that both
/// documented shapes read (pocketoption.md §3.2 [AMBIGUOUS]: <c>timeframe</c> or the older <c>timeFrame</c>, <c>symbol</c> or <c>asset</c>).
/// </summary>
[WireType]
public partial class PendingOrder
{
    /// <summary>The order's ticket (a UUID), what cancelling takes.</summary>
    public string? Ticket { get; set; }

    /// <summary>How the order triggers.</summary>
    public uint? OpenType { get; set; }

    /// <summary>The stake.</summary>
    public decimal? Amount { get; set; }

    /// <summary>The asset's symbol.</summary>
    [WireAlias("asset")]
    public string? Symbol { get; set; }

    /// <summary>When the order opens, as the platform prints it.</summary>
    public string? OpenTime { get; set; }

    /// <summary>The price at which it opens.</summary>
    public decimal? OpenPrice { get; set; }

    /// <summary>The trade's duration in seconds once opened.</summary>
    [WireAlias("timeFrame")]
    public uint? Timeframe { get; set; }

    /// <summary>The lowest payout, in percent, at which it may open.</summary>
    public uint? MinPayout { get; set; }

    /// <summary>Call (0) or put (1).</summary>
    public OrderAction? Command { get; set; }

    /// <summary>When the platform created it, as it prints it.</summary>
    public string? DateCreated { get; set; }

    /// <summary>The platform's numeric id of the order.</summary>
    public ulong? Id { get; set; }

    /// <summary>The ticket and asset, for logs.</summary>
    /// <returns>E.g. <c>pending order 5f1c… EURUSD</c>.</returns>
    public override string ToString() => $"pending order {Ticket} {Symbol}";
}
