using Protocol;

namespace Protocol.ExpertOption.Wire.Candles;

/// <summary>
/// <c>{"action":"assetHistoryCandles","message":{"assetid":160,"periods":[[from,to]],"timeframes":[5]},…}</c> (captured, fact
/// sheet §4.7 [C]).
/// </summary>
[ProtocolMessage("assetHistoryCandles", Direction = WireDirection.Outgoing)]
public sealed partial class HistoryCandlesRequest
{
    /// <summary>The window.</summary>
    [WireName("message")]
    public HistoryCandlesBody Body { get; set; } = new();

    /// <summary>The session token. Never log it.</summary>
    public string Token { get; set; } = "";

    /// <summary>The request id the reply echoes.</summary>
    public long Ns { get; set; }
}

/// <summary>The body of <see cref="HistoryCandlesRequest"/>.</summary>
[WireType]
public sealed partial class HistoryCandlesBody
{
    /// <summary>The asset id (lower case here).</summary>
    [WireName("assetid")]
    public int AssetId { get; set; }

    /// <summary>The windows, each [from, to] in Unix seconds.</summary>
    public List<List<long>> Periods { get; set; } = [];

    /// <summary>The timeframes, seconds.</summary>
    public List<int> Timeframes { get; set; } = [5];
}
