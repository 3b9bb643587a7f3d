namespace Protocol.ExpertOption;

/// <summary>
/// What identifies an opening push when the buy's answer carries no <c>trade_id</c>: asset, direction (0 call, 1 put), amount
/// and strike time within 5 s, "because the server may round" (A11-API and PICC, fact sheet §2.2).
/// </summary>
/// <param name="AssetId">The asset's id.</param>
/// <param name="Type">0 call, 1 put.</param>
/// <param name="Amount">The stake.</param>
/// <param name="StrikeTime">The strike time sent, Unix seconds.</param>
public readonly record struct BuyFingerprint(int AssetId, int Type, decimal Amount, long StrikeTime)
{
    /// <summary>Whether an opened trade is this order.</summary>
    /// <param name="trade">The trade of an opening push.</param>
    /// <returns>True when asset, direction and amount agree and the strike times are at most 5 s apart.</returns>
    public bool Matches(Wire.Trading.TradeRow trade)
        => trade.AssetId == AssetId && trade.Type == Type && trade.Amount == Amount && Math.Abs(trade.StrikeTime - StrikeTime) <= 5;
}
