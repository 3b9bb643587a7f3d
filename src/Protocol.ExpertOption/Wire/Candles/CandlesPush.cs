using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Candles;

/// <summary>
/// The price push (captured, fact sheet §4.7 [C]): <c>{"action":"candles","message":{"assetId":160,"candles":[{"tf":0,…},{"tf":5,…}],
/// "expTimes":[…]}}</c>, about two a second for a subscribed asset. <c>tf</c> 0 rows are ticks (<c>v</c> = [price]); the others
/// are bars (<c>v</c> = [open, high, low, close]).
/// </summary>
[ProtocolMessage("candles", Direction = WireDirection.Incoming)]
public sealed partial class CandlesPush
{
    /// <summary>The message.</summary>
    [WireName("message")]
    public CandlesBody Body { get; set; } = new();
}

/// <summary>The message of <see cref="CandlesPush"/>.</summary>
[WireType]
public sealed partial class CandlesBody
{
    /// <summary>The asset id (camelCase here).</summary>
    public int AssetId { get; set; }

    /// <summary>The rows: ticks and bars.</summary>
    [WireOptional]
    public List<CandleRow> Candles { get; set; } = [];

    /// <summary>The expiry grid as read (no source explains it, [L]).</summary>
    [WireOptional]
    public JsonElement ExpTimes { get; set; }
}
