using System.Globalization;

namespace Protocol.Trading.Trades;

/// <summary>A trade a <see cref="Clients.ITradingClient"/> opened; <see cref="Clients.ITradingClient.CheckResultAsync"/> takes it.</summary>
/// <param name="Platform">The platform it was opened on (a client refuses another platform's trade).</param>
/// <param name="Id">The platform's trade id.</param>
/// <param name="AssetId">The asset's <see cref="Market.AssetInfo.Id"/>.</param>
/// <param name="Direction">Buy (call) or sell (put).</param>
/// <param name="Amount">The stake.</param>
/// <param name="OpenedAt">When it opened.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="Payout">The payout of a win in percent of the stake, when the platform said it at open.</param>
public sealed record OpenedTrade(string Platform, string Id, string AssetId, TradeDirection Direction, decimal Amount, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt, int? Payout = null)
{
    /// <summary>The trade's duration.</summary>
    public TimeSpan Duration => ExpiresAt - OpenedAt;

    /// <summary>The trade in one line, for logs.</summary>
    /// <returns>E.g. <c>PocketOption trade 1f2e… EURUSD_otc buy 10 for 00:01:00</c>.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Platform} trade {Id} {AssetId} {Direction.ToString().ToLowerInvariant()} {Amount} for {Duration}");
}
