
namespace Protocol.PocketOption.Wire;

/// <summary>
/// <c>42["loadHistoryPeriod",{"asset","period","time","index","offset"}]</c>: asks for the candles of <see cref="Period"/> seconds
/// in the <see cref="Offset"/> seconds before <see cref="Time"/>; the answer echoes <see cref="Index"/>.
/// </summary>
[ProtocolMessage("loadHistoryPeriod", Direction = WireDirection.Outgoing)]
public sealed partial class LoadHistoryPeriod
{
    /// <summary>The asset.</summary>
    public string Asset { get; set; } = "";

    /// <summary>The candle period in seconds.</summary>
    public long Period { get; set; }

    /// <summary>The end of the range, in Unix seconds.</summary>
    public long Time { get; set; }

    /// <summary>The request's correlation number (a per-client counter).</summary>
    public long Index { get; set; }

    /// <summary>How many seconds before <see cref="Time"/> the range starts.</summary>
    public long Offset { get; set; }
}
