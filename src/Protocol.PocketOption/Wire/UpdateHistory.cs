
namespace Protocol.PocketOption.Wire;

/// <summary>
/// The history the server pushes after <see cref="ChangeSymbol"/>: <c>updateHistoryNewFast</c> (also <c>updateHistoryNew</c>,
/// <c>updateHistory</c>, <c>history</c>) with <c>{"asset","period","history":[[t,price]…],"candles":[[t,o,c,h,l]…]}</c>.
/// </summary>
[ProtocolMessage("updateHistoryNewFast", Direction = WireDirection.Incoming, Aliases = new[] { "updateHistoryNew", "updateHistory", "history" })]
public sealed partial class UpdateHistory
{
    /// <summary>The asset.</summary>
    [WireOptional]
    public string Asset { get; set; } = "";

    /// <summary>The period in seconds.</summary>
    [WireOptional]
    public long Period { get; set; }

    /// <summary>Recent ticks, when sent.</summary>
    public List<HistoryPoint>? History { get; set; }

    /// <summary>Completed candles, when sent.</summary>
    public List<HistoryCandle>? Candles { get; set; }
}
