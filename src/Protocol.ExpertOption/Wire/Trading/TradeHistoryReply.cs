using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Trading;

/// <summary><c>tradeHistory</c>'s reply: <c>{"options":[rows],"options_count":…,"is_demo":…}</c> (fact sheet §4.6, [C]).</summary>
[ProtocolMessage("tradeHistory", Direction = WireDirection.Incoming)]
public sealed partial class TradeHistoryReply
{
    /// <summary>The message.</summary>
    [WireName("message")]
    public TradeHistoryReplyBody Body { get; set; } = new();

    /// <summary>The echoed request id.</summary>
    [WireOptional]
    public JsonElement Ns { get; set; }
}

/// <summary>The message of <see cref="TradeHistoryReply"/>.</summary>
[WireType]
public sealed partial class TradeHistoryReplyBody
{
    /// <summary>The closed trades, newest first.</summary>
    [WireOptional]
    public List<TradeRow> Options { get; set; } = [];

    /// <summary>How many trades the account has in all.</summary>
    [WireName("options_count")]
    [WireOptional]
    public int OptionsCount { get; set; }

    /// <summary>1 for the demo account.</summary>
    [WireName("is_demo")]
    [WireOptional]
    public int IsDemo { get; set; }
}
