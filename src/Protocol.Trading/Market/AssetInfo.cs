namespace Protocol.Trading.Market;

/// <summary>What a platform says about one tradable asset: its payout, whether it trades now and the expiries it accepts.</summary>
/// <example><code>
/// if (asset.IsActive &amp;&amp; asset.IsExpiryAllowed(TimeSpan.FromMinutes(1)) &amp;&amp; asset.Payout >= 80) { /* trade */ }
/// </code></example>
public sealed class AssetInfo
{
    /// <summary>Describes an asset.</summary>
    /// <param name="symbol">The platform's symbol, e.g. <c>EURUSD_otc</c>.</param>
    /// <param name="name">The display name, e.g. <c>EUR/USD OTC</c>.</param>
    /// <param name="kind">What the asset is.</param>
    /// <param name="payout">The payout of a winning trade, in percent of the stake (0–1000).</param>
    /// <param name="isOtc">True for an over-the-counter asset (the platform's own quotes, also traded when markets are closed).</param>
    /// <param name="isActive">True when the asset can be traded now.</param>
    /// <param name="allowedExpiries">The trade durations the platform accepts for it (each positive).</param>
    /// <param name="id">The id the platform names the asset by in requests; the symbol when null (PocketOption's case).</param>
    /// <param name="minAmount">The smallest stake on this asset, when the platform sets one per asset.</param>
    /// <param name="maxAmount">The largest stake on this asset, when the platform sets one per asset.</param>
    /// <exception cref="ArgumentException">The symbol or id is empty, an expiry is not positive, or the stake limits are reversed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The payout is outside 0–1000 %, or a stake limit is not positive.</exception>
    public AssetInfo(string symbol, string name, AssetKind kind, int payout, bool isOtc, bool isActive, IEnumerable<TimeSpan> allowedExpiries,
        string? id = null, decimal? minAmount = null, decimal? maxAmount = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(allowedExpiries);
        if (payout is < 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(payout), payout,
                $"The payout of asset {symbol} is a percentage of the stake between 0 and 1000; pass the platform's percentage (e.g. 92), not a fraction or an amount.");
        }
        var expiries = allowedExpiries.Distinct().Order().ToArray();
        if (expiries.Length > 0 && expiries[0] <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The allowed expiries of asset {symbol} must be positive durations; {expiries[0]} is not.", nameof(allowedExpiries));
        }
        if (id is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(id);
        }

        if (minAmount <= 0 || maxAmount <= 0)
        {
            throw new ArgumentOutOfRangeException(minAmount <= 0 ? nameof(minAmount) : nameof(maxAmount), minAmount <= 0 ? minAmount : maxAmount,
                $"The stake limits of asset {symbol} must be positive amounts; pass null when the platform sets none per asset.");
        }

        if (minAmount > maxAmount)
        {
            throw new ArgumentException($"The smallest stake of asset {symbol} ({minAmount}) is above its largest ({maxAmount}); pass them in order.", nameof(minAmount));
        }

        Id = id ?? symbol;
        MinAmount = minAmount;
        MaxAmount = maxAmount;
        Symbol = symbol;
        Name = name;
        Kind = kind;
        Payout = payout;
        IsOtc = isOtc;
        IsActive = isActive;
        AllowedExpiries = expiries;
    }

    /// <summary>
    /// The id the platform names the asset by, what every <see cref="Clients.ITradingClient"/> operation takes: the symbol on
    /// PocketOption, the numeric id as text on ExpertOption (where one symbol can be listed under two ids, regular and OTC).
    /// </summary>
    public string Id { get; }

    /// <summary>The platform's symbol, e.g. <c>EURUSD_otc</c>.</summary>
    public string Symbol { get; }

    /// <summary>The smallest stake on this asset; null when the platform sets none per asset (see <see cref="Capabilities.TradingCapabilities.MinAmount"/>).</summary>
    public decimal? MinAmount { get; }

    /// <summary>The largest stake on this asset; null when the platform sets none per asset (see <see cref="Capabilities.TradingCapabilities.MaxAmount"/>).</summary>
    public decimal? MaxAmount { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>What the asset is.</summary>
    public AssetKind Kind { get; }

    /// <summary>The payout of a winning trade in percent of the stake (92 means a win of 1 pays 0.92 profit).</summary>
    public int Payout { get; }

    /// <summary>True for an over-the-counter asset.</summary>
    public bool IsOtc { get; }

    /// <summary>True when the asset can be traded now.</summary>
    public bool IsActive { get; }

    /// <summary>The trade durations the platform accepts for this asset, shortest first, without duplicates.</summary>
    public IReadOnlyList<TimeSpan> AllowedExpiries { get; }

    /// <summary>Whether a trade of this duration is accepted for this asset.</summary>
    /// <param name="expiry">The trade's duration.</param>
    /// <returns>True when <paramref name="expiry"/> is one of <see cref="AllowedExpiries"/>.</returns>
    public bool IsExpiryAllowed(TimeSpan expiry)
    {
        foreach (var allowed in AllowedExpiries)
        {
            if (allowed == expiry) return true;
        }
        return false;
    }

    /// <summary>The symbol, payout and state, for logs.</summary>
    /// <returns>E.g. <c>EURUSD_otc (currency, OTC, active, payout 92 %)</c>, or <c>EURUSD #142 (…)</c> when the id is not the symbol.</returns>
    public override string ToString()
        => $"{Symbol}{(Id == Symbol ? "" : $" #{Id}")} ({Kind.ToString().ToLowerInvariant()}{(IsOtc ? ", OTC" : "")}, {(IsActive ? "active" : "inactive")}, payout {Payout} %)";
}
