
namespace Protocol.PocketOption.Wire;

/// <summary>One tick of a history push: <c>[time, price]</c> (a third element, when present, is ignored).</summary>
[WireType(Layout = WireLayout.Array)]
public sealed partial class HistoryPoint
{
    /// <summary>The time in Unix seconds or milliseconds.</summary>
    [WireIndex(0)]
    public double Time { get; set; }

    /// <summary>The price.</summary>
    [WireIndex(1)]
    public decimal Price { get; set; }
}
