using Protocol;

namespace Protocol.ExpertOption.Wire.Trading;

/// <summary>
/// The push that trades closed. No capture exists and the sources disagree ([L], fact sheet §4.6): <c>closeTradeSuccessful</c>
/// with <c>message.trades</c>, or <c>optionFinished</c> with <c>message.options</c> or <c>message.deals</c>; every form is read.
/// </summary>
[ProtocolMessage("closeTradeSuccessful", Direction = WireDirection.Incoming, Aliases = new[] { "optionFinished" })]
public sealed partial class TradesClosed
{
    /// <summary>The message.</summary>
    [WireName("message")]
    public TradesClosedBody Body { get; set; } = new();
}

/// <summary>The message of <see cref="TradesClosed"/>.</summary>
[WireType]
public sealed partial class TradesClosedBody
{
    /// <summary>The closed trades.</summary>
    [WireAlias("options")]
    [WireAlias("deals")]
    public List<TradeRow> Trades { get; set; } = [];
}
