using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Candles;

/// <summary>The server's <c>subscribeCandles {"assetsIds":[142]}</c> (captured as the answer to <c>defaultSubscribeCandles</c>, [C]).</summary>
[ProtocolMessage("subscribeCandles", Direction = WireDirection.Incoming)]
public sealed partial class SubscribeCandlesReply
{
    /// <summary>The message.</summary>
    [WireName("message")]
    [WireOptional]
    public SubscribeCandlesReplyBody Body { get; set; } = new();

    /// <summary>The echoed request id.</summary>
    [WireOptional]
    public JsonElement Ns { get; set; }
}

/// <summary>The message of <see cref="SubscribeCandlesReply"/>.</summary>
[WireType]
public sealed partial class SubscribeCandlesReplyBody
{
    /// <summary>The subscribed asset ids.</summary>
    [WireOptional]
    public List<int> AssetsIds { get; set; } = [];
}
