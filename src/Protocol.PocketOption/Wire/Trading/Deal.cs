using System.Text.Json;
using Protocol.Trading.Trades;

namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// A PocketOption deal (a placed binary-option trade), as <c>successopenOrder</c>, <c>updateOpenedDeals</c>,
/// <c>updateClosedDeals</c> and <c>successcloseOrder</c> carry it (pocketoption.md §3.2). Only <see cref="Id"/> is required:
/// decimals are read from numbers or strings, <see cref="RequestId"/> from a UUID string or a number, timestamps from integers or
/// floats, and unknown fields are skipped, so a server that adds a field does not hide a position.
/// </summary>
/// <example><code>
/// if (deal.IsClosed) Console.WriteLine($"{deal.Asset} {deal.Direction}: {deal.Result}");
/// </code></example>
[WireType]
public sealed partial class Deal
{
    /// <summary>The deal's id (a UUID), what <c>CheckResultAsync</c> takes.</summary>
    public string Id { get; set; } = "";

    /// <summary>The opening time as the platform prints it (<c>YYYY-MM-DD HH:MM:SS</c>, UTC).</summary>
    public string? OpenTime { get; set; }

    /// <summary>The expiry time as the platform prints it.</summary>
    public string? CloseTime { get; set; }

    /// <summary>The opening time, Unix seconds (an integer or a float on the wire).</summary>
    public double? OpenTimestamp { get; set; }

    /// <summary>The expiry time, Unix seconds (an integer or a float on the wire).</summary>
    public double? CloseTimestamp { get; set; }

    /// <summary>The refund time, any JSON value (usually null), kept as read.</summary>
    public JsonElement? RefundTime { get; set; }

    /// <summary>The refund timestamp, any JSON value (usually null), kept as read.</summary>
    public JsonElement? RefundTimestamp { get; set; }

    /// <summary>The account's user id. Never printed by <see cref="ToString"/>.</summary>
    public ulong? Uid { get; set; }

    /// <summary>The <c>requestId</c> of the <c>openOrder</c> that opened it (a UUID, or a number from older servers, kept as its text).</summary>
    public string? RequestId { get; set; }

    /// <summary>The stake.</summary>
    [WireOptional]
    public decimal Amount { get; set; }

    /// <summary>The net profit once closed (positive: won, negative: lost, zero: draw); while open the platform sends 0 or nothing.</summary>
    public decimal? Profit { get; set; }

    /// <summary>The price when the deal opened.</summary>
    public decimal? OpenPrice { get; set; }

    /// <summary>The price at expiry (0 or missing while open).</summary>
    public decimal? ClosePrice { get; set; }

    /// <summary>The payout of a win, in percent of the stake.</summary>
    public int? PercentProfit { get; set; }

    /// <summary>What a loss costs, in percent of the stake.</summary>
    public int? PercentLoss { get; set; }

    /// <summary>Call (0) or put (1).</summary>
    [WireOptional]
    public OrderAction Command { get; set; }

    /// <summary>The asset's symbol, e.g. <c>EURUSD_otc</c>.</summary>
    [WireOptional]
    public string Asset { get; set; } = "";

    /// <summary>1 on the demo account, 0 on the real one.</summary>
    public uint? IsDemo { get; set; }

    /// <summary>The copied signal's ticket, if any.</summary>
    public string? CopyTicket { get; set; }

    /// <summary>Milliseconds part of the opening time.</summary>
    public int? OpenMs { get; set; }

    /// <summary>Milliseconds part of the expiry time.</summary>
    public int? CloseMs { get; set; }

    /// <summary>The option type (100 for the quick trades <c>openOrder</c> places).</summary>
    public int? OptionType { get; set; }

    /// <summary>Whether the deal was rolled over.</summary>
    public bool? IsRollover { get; set; }

    /// <summary>Whether the deal copies a signal.</summary>
    public bool? IsCopySignal { get; set; }

    /// <summary>Whether the deal was placed by the platform's AI trading.</summary>
    public bool? IsAI { get; set; }

    /// <summary>The account currency, e.g. <c>USD</c>.</summary>
    public string? Currency { get; set; }

    /// <summary>The stake in US dollars (<c>amountUsd</c>).</summary>
    public decimal? AmountUsd { get; set; }

    /// <summary>The stake in US dollars, as the other spelling (<c>amountUSD</c>) carries it.</summary>
    [WireName("amountUSD")]
    public decimal? AmountUsdUpper { get; set; }

    /// <summary>Buy (call) or sell (put).</summary>
    [WireIgnore]
    public TradeDirection Direction => Command.ToTradeDirection();

    /// <summary>When the deal opened, from <see cref="OpenTimestamp"/>; null when the platform did not send it.</summary>
    [WireIgnore]
    public DateTimeOffset? OpenedAt => ToTime(OpenTimestamp);

    /// <summary>When the deal expires (or expired), from <see cref="CloseTimestamp"/>; null when the platform did not send it.</summary>
    [WireIgnore]
    public DateTimeOffset? ExpiresAt => ToTime(CloseTimestamp);

    /// <summary>The result a closed deal's profit implies (win, loss or draw); meaningful once the deal is in the closed deals.</summary>
    [WireIgnore]
    public TradeResult Result => TradeResult.FromProfit(Profit ?? 0m);

    /// <summary>The id, asset, direction and stake, for logs (no account data).</summary>
    /// <returns>E.g. <c>deal 0b4b… EURUSD_otc call 1</c>.</returns>
    public override string ToString() => $"deal {Id} {Asset} {Command.ToString().ToLowerInvariant()} {Amount}";

    private static DateTimeOffset? ToTime(double? unixSeconds)
        => unixSeconds is { } seconds && double.IsFinite(seconds) && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000))
            : null;
}
