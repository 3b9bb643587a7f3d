using Protocol;

namespace Protocol.ExpertOption.Wire.Trading;

/// <summary><c>{"action":"tradeHistory","message":{"index_from":0,"count":20,"is_demo":1},…}</c> (fact sheet §1.4 and §4.8, [C]).</summary>
[ProtocolMessage("tradeHistory", Direction = WireDirection.Outgoing)]
public sealed partial class TradeHistoryRequest
{
    /// <summary>The page asked for.</summary>
    [WireName("message")]
    public TradeHistoryBody Body { get; set; } = new();

    /// <summary>The session token. Never log it.</summary>
    public string Token { get; set; } = "";

    /// <summary>The request id.</summary>
    public long Ns { get; set; }
}

/// <summary>The body of <see cref="TradeHistoryRequest"/>.</summary>
[WireType]
public sealed partial class TradeHistoryBody
{
    /// <summary>The first row, newest first.</summary>
    [WireName("index_from")]
    public int IndexFrom { get; set; }

    /// <summary>How many rows.</summary>
    public int Count { get; set; } = 20;

    /// <summary>1 for the demo account's trades.</summary>
    [WireName("is_demo")]
    public int IsDemo { get; set; }
}
