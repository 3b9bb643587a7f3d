using Protocol.Trading.Market;

namespace Protocol.ExpertOption;

/// <summary>
/// An ExpertOption asset: the platform-neutral <see cref="AssetInfo"/> plus what ExpertOption keys and limits it by (the same
/// symbol exists under two ids, regular and OTC, so assets are keyed by <see cref="Id"/>).
/// </summary>
/// <param name="Id">The asset id every request uses.</param>
/// <param name="Info">Symbol, name, kind, payout, activity and the expiries offered.</param>
/// <param name="MinAmount">The smallest stake.</param>
/// <param name="MaxAmount">The largest stake.</param>
/// <param name="ExpirationStep">Expiries fall on multiples of this.</param>
/// <param name="PurchaseTime">A deal must open at least this long before its expiry.</param>
public sealed record ExpertOptionAsset(int Id, AssetInfo Info, decimal MinAmount, decimal MaxAmount, TimeSpan ExpirationStep, TimeSpan PurchaseTime);
