using Protocol.Trading.Trades;

namespace Protocol.ExpertOption;

/// <summary>A trade this client opened.</summary>
/// <param name="Id">The platform's trade id.</param>
/// <param name="AssetId">The asset's id.</param>
/// <param name="Direction">Buy (call) or sell (put).</param>
/// <param name="Amount">The stake.</param>
/// <param name="OpenedAt">The opening time.</param>
/// <param name="ExpiresAt">The expiry.</param>
/// <param name="Payout">The payout in percent, when known (0 otherwise).</param>
public sealed record ExpertOptionTrade(long Id, int AssetId, TradeDirection Direction, decimal Amount, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt, int Payout);
