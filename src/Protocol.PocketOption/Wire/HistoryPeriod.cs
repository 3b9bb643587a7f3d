
namespace Protocol.PocketOption.Wire;

/// <summary>
/// The answer to <see cref="LoadHistoryPeriod"/>, under the request's name (<c>loadHistoryPeriod</c> or
/// <c>loadHistoryPeriodFast</c>): <c>{"asset","index","period","data":[…]}</c>, matched to its request by <see cref="Index"/>.
/// </summary>
[ProtocolMessage("loadHistoryPeriod", Direction = WireDirection.Incoming, Aliases = new[] { "loadHistoryPeriodFast" })]
public sealed partial class HistoryPeriod
{
    /// <summary>The asset.</summary>
    [WireOptional]
    public string Asset { get; set; } = "";

    /// <summary>The request's index, echoed.</summary>
    public long Index { get; set; }

    /// <summary>The candle period in seconds.</summary>
    [WireOptional]
    public long Period { get; set; }

    /// <summary>The rows: ticks or candles.</summary>
    public List<HistoryRow> Data { get; set; } = [];
}
