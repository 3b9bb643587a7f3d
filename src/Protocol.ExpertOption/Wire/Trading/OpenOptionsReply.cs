using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Trading;

/// <summary><c>openOptions</c>'s reply: <c>{"options":[rows]}</c>, the deals open now (fact sheet §4.8, [C]).</summary>
[ProtocolMessage("openOptions", Direction = WireDirection.Incoming)]
public sealed partial class OpenOptionsReply
{
    /// <summary>The message.</summary>
    [WireName("message")]
    public TradeHistoryReplyBody Body { get; set; } = new();

    /// <summary>The echoed request id.</summary>
    [WireOptional]
    public JsonElement Ns { get; set; }
}
