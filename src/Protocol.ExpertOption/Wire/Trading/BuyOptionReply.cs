using System.Text.Json;
using Protocol;
using Protocol.ExpertOption.Wire;

namespace Protocol.ExpertOption.Wire.Trading;

/// <summary>
/// The answer to <see cref="BuyOptionRequest"/>, echoing its <c>ns</c> (fact sheet §4.5): empty, or carrying
/// <c>message.trade_id</c> ([M/L]); both are accepted.
/// </summary>
[ProtocolMessage("buyOption", Direction = WireDirection.Incoming)]
public sealed partial class BuyOptionReply : ActionReply
{
    /// <summary>The opened trade's id when the reply carries it.</summary>
    [WireIgnore]
    public long? TradeId
        => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("trade_id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var v) ? v : null;
}
