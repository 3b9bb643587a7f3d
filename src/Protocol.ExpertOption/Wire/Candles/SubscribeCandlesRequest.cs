using Protocol;

namespace Protocol.ExpertOption.Wire.Candles;

/// <summary>
/// <c>{"action":"subscribeCandles","message":{"assets":[{"id":142,"timeframes":[0,5]}]},…}</c>, the explicit subscription form two
/// clients agree on (fact sheet §4.7, [M]).
/// </summary>
[ProtocolMessage("subscribeCandles", Direction = WireDirection.Outgoing)]
public sealed partial class SubscribeCandlesRequest
{
    /// <summary>The assets.</summary>
    [WireName("message")]
    public SubscribeCandlesBody Body { get; set; } = new();

    /// <summary>The session token. Never log it.</summary>
    public string Token { get; set; } = "";

    /// <summary>The request id.</summary>
    public long Ns { get; set; }
}

/// <summary>The body of <see cref="SubscribeCandlesRequest"/>.</summary>
[WireType]
public sealed partial class SubscribeCandlesBody
{
    /// <summary>The assets and their timeframes.</summary>
    public List<CandleSubscription> Assets { get; set; } = [];
}

/// <summary>One asset of a <see cref="SubscribeCandlesRequest"/>.</summary>
[WireType]
public sealed partial class CandleSubscription
{
    /// <summary>The asset id.</summary>
    public int Id { get; set; }

    /// <summary>The timeframes, seconds (0 = ticks).</summary>
    public List<int> Timeframes { get; set; } = [0];
}
