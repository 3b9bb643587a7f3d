using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Candles;

/// <summary>
/// <c>getCandlesTimeframes</c>'s reply: <c>{"candlesTimeframes":[5,10,…],"pointsTimeframe":0.5}</c> (captured, [C]); an older client
/// read <c>timeframes</c>, also accepted.
/// </summary>
[ProtocolMessage("getCandlesTimeframes", Direction = WireDirection.Incoming)]
public sealed partial class CandleTimeframesReply
{
    /// <summary>The message.</summary>
    [WireName("message")]
    public CandleTimeframesBody Body { get; set; } = new();

    /// <summary>The echoed request id.</summary>
    [WireOptional]
    public JsonElement Ns { get; set; }
}

/// <summary>The message of <see cref="CandleTimeframesReply"/>.</summary>
[WireType]
public sealed partial class CandleTimeframesBody
{
    /// <summary>The bar timeframes the server offers, seconds.</summary>
    [WireAlias("timeframes")]
    public List<int> CandlesTimeframes { get; set; } = [];

    /// <summary>The tick interval, seconds.</summary>
    [WireOptional]
    public double PointsTimeframe { get; set; }
}
