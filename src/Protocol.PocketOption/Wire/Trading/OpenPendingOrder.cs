
namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// Places a pending order (a trade that opens when the price or time is reached):
/// <c>42["openPendingOrder",{"openType":…,"amount":"1.5","asset":…,"openTime":…,"openPrice":"1.0832","timeframe":…,"minPayout":…,"command":0}]</c>
/// (amount and price as JSON strings, as the platform's decimals are written). Answered, in order, by
/// <see cref="SuccessOpenPendingOrder"/> or <see cref="FailOpenPendingOrder"/>: the server echoes no id.
/// </summary>
[ProtocolMessage("openPendingOrder", Direction = WireDirection.Outgoing)]
public sealed partial class OpenPendingOrder
{
    /// <summary>How the order triggers (the platform's number: by time or by price).</summary>
    public uint OpenType { get; set; }

    /// <summary>The stake, written as a string.</summary>
    [WireNumberAsString]
    public decimal Amount { get; set; }

    /// <summary>The asset's symbol.</summary>
    public string Asset { get; set; } = "";

    /// <summary>When the order opens, as the platform expects it (a date-time or a Unix time, as text).</summary>
    public string OpenTime { get; set; } = "";

    /// <summary>The price at which it opens, written as a string.</summary>
    [WireNumberAsString]
    public decimal OpenPrice { get; set; }

    /// <summary>The trade's duration in seconds once opened.</summary>
    public uint Timeframe { get; set; }

    /// <summary>The lowest payout, in percent, at which the order may open.</summary>
    public uint MinPayout { get; set; }

    /// <summary>Call (0) or put (1), as a number.</summary>
    [WireEnum(WireEnumFormat.Number)]
    public OrderAction Command { get; set; }
}
