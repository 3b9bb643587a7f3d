using Protocol;

namespace Protocol.ExpertOption.Wire.Trading;

/// <summary>
/// A trade as the server describes it: the captured <c>tradeHistory</c>/<c>openOptions</c> rows ([C]) and the opening and closing
/// pushes ([M]/[L]), whose field names vary (<c>open_rate</c> for <c>strike_rate</c>, <c>close_rate</c> for <c>exp_rate</c>,
/// <c>result_amount_cash</c> for <c>result_amount</c>); every variant is read.
/// </summary>
[WireType]
public sealed partial class TradeRow
{
    /// <summary>The trade's id.</summary>
    public long Id { get; set; }

    /// <summary>The asset id.</summary>
    [WireName("asset_id")]
    [WireOptional]
    public int AssetId { get; set; }

    /// <summary>0 call, 1 put.</summary>
    [WireOptional]
    public int Type { get; set; }

    /// <summary>The stake.</summary>
    [WireOptional]
    public decimal Amount { get; set; }

    /// <summary>The opening time, Unix seconds (may carry .5).</summary>
    [WireName("strike_time")]
    [WireOptional]
    public double StrikeTime { get; set; }

    /// <summary>The opening price.</summary>
    [WireName("strike_rate")]
    [WireAlias("open_rate")]
    [WireOptional]
    public decimal StrikeRate { get; set; }

    /// <summary>The expiry, Unix seconds.</summary>
    [WireName("exp_time")]
    [WireOptional]
    public double ExpirationTime { get; set; }

    /// <summary>The closing price (0 while open).</summary>
    [WireName("exp_rate")]
    [WireAlias("close_rate")]
    [WireOptional]
    public decimal ExpirationRate { get; set; }

    /// <summary>The payout in percent.</summary>
    [WireOptional]
    public decimal Profit { get; set; }

    /// <summary>1 win, 2 loss, 4 closed early (captured); 0 or absent while open. Other values are not documented.</summary>
    [WireOptional]
    public int Status { get; set; }

    /// <summary>The net result: +amount × payout / 100 on a win, −amount on a loss (captured).</summary>
    [WireName("result_amount")]
    [WireAlias("result_amount_cash")]
    [WireOptional]
    public decimal? ResultAmount { get; set; }

    /// <summary>When the trade was closed early, Unix seconds; 0 otherwise.</summary>
    [WireName("cancel_time")]
    [WireOptional]
    public double CancelTime { get; set; }

    /// <summary>1 for a demo trade.</summary>
    [WireName("is_demo")]
    [WireOptional]
    public int IsDemo { get; set; }
}
