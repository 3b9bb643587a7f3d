
namespace Protocol.PocketOption.Wire;

/// <summary>One tick of <c>updateStream</c>: <c>[symbol, time, price]</c>; the time is in seconds (with a fraction) or milliseconds.</summary>
[WireType(Layout = WireLayout.Array, ArrayLength = 3)]
public sealed partial class StreamTick
{
    /// <summary>The asset.</summary>
    [WireIndex(0)]
    public string Symbol { get; set; } = "";

    /// <summary>The server's time of the tick, in Unix seconds or milliseconds (see <see cref="PocketTime"/>).</summary>
    [WireIndex(1)]
    public double Time { get; set; }

    /// <summary>The price.</summary>
    [WireIndex(2)]
    public decimal Price { get; set; }
}
