
namespace Protocol.PocketOption.Wire;

/// <summary>One candle of a history push: <c>[time, open, close, high, low(, volume)]</c>: close comes before high and low.</summary>
[WireType(Layout = WireLayout.Array)]
public sealed partial class HistoryCandle
{
    /// <summary>The candle's start in Unix seconds or milliseconds.</summary>
    [WireIndex(0)]
    public double Time { get; set; }

    /// <summary>The open.</summary>
    [WireIndex(1)]
    public decimal Open { get; set; }

    /// <summary>The close.</summary>
    [WireIndex(2)]
    public decimal Close { get; set; }

    /// <summary>The high.</summary>
    [WireIndex(3)]
    public decimal High { get; set; }

    /// <summary>The low.</summary>
    [WireIndex(4)]
    public decimal Low { get; set; }
}
