using System.Globalization;
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
public sealed record ExpertOptionAsset(int Id, AssetInfo Info, decimal MinAmount, decimal MaxAmount, TimeSpan ExpirationStep, TimeSpan PurchaseTime)
{
    /// <summary>
    /// Symbol, name, kind, payout, activity and the expiries offered, with <see cref="AssetInfo.Id"/> the asset id as text (what
    /// the platform-neutral operations take) and the asset's stake limits.
    /// </summary>
    public AssetInfo Info { get; init; } = WithPlatformId(Info, Id, MinAmount, MaxAmount);

    private static AssetInfo WithPlatformId(AssetInfo info, int id, decimal min, decimal max)
    {
        ArgumentNullException.ThrowIfNull(info);
        var text = id.ToString(CultureInfo.InvariantCulture);
        return info.Id == text && info.MinAmount == min && info.MaxAmount == max
            ? info
            : new AssetInfo(info.Symbol, info.Name, info.Kind, info.Payout, info.IsOtc, info.IsActive, info.AllowedExpiries, text, min > 0 ? min : null, max > 0 && max >= min ? max : null);
    }
}
