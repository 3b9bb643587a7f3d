
namespace Protocol.PocketOption.Wire;

/// <summary>
/// One row of a <c>loadHistoryPeriod</c> answer: a tick <c>{time,price}</c> or a candle
/// <c>{symbol_id,time,open,close,high,low,volume}</c> (§3.2).
/// </summary>
[WireType]
public sealed partial class HistoryRow
{
    /// <summary>The tick's time or the candle's start, in Unix seconds or milliseconds.</summary>
    public double Time { get; set; }

    /// <summary>A tick's price.</summary>
    public decimal? Price { get; set; }

    /// <summary>A candle's open.</summary>
    public decimal? Open { get; set; }

    /// <summary>A candle's close.</summary>
    public decimal? Close { get; set; }

    /// <summary>A candle's high.</summary>
    public decimal? High { get; set; }

    /// <summary>A candle's low.</summary>
    public decimal? Low { get; set; }

    /// <summary>A candle's volume, when the server gives one.</summary>
    public decimal? Volume { get; set; }
}
