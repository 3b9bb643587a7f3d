using Protocol;

namespace Protocol.ExpertOption.Wire.Trading;

/// <summary>
/// The push that a trade opened: <c>openTradeSuccessful</c> with <c>message.trade</c> ([M]) or <c>buySuccessful</c> with
/// <c>message.option</c> ([L]) (fact sheet §4.5); both are read.
/// </summary>
[ProtocolMessage("openTradeSuccessful", Direction = WireDirection.Incoming, Aliases = new[] { "buySuccessful" })]
public sealed partial class TradeOpened
{
    /// <summary>The message.</summary>
    [WireName("message")]
    public TradeOpenedBody Body { get; set; } = new();
}

/// <summary>The message of <see cref="TradeOpened"/>.</summary>
[WireType]
public sealed partial class TradeOpenedBody
{
    /// <summary>The trade.</summary>
    [WireAlias("option")]
    public TradeRow Trade { get; set; } = new();
}
