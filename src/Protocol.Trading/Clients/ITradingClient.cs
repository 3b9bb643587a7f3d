using Protocol.Trading.Candles;
using Protocol.Trading.Capabilities;
using Protocol.Trading.Market;
using Protocol.Trading.Trades;

namespace Protocol.Trading.Clients;

/// <summary>
/// One interface a strategy trades any platform through: connect, balance, assets with payouts, candle streams and history,
/// buy and sell, and results. Assets are named by <see cref="AssetInfo.Id"/> everywhere. What the platform does not support,
/// <see cref="Capabilities"/> says before anyone calls it, and calling it throws <see cref="NotSupportedByPlatformException"/>.
/// Nothing that moves money is ever re-sent.
/// </summary>
/// <example><code>
/// ITradingClient client = PocketOptionClient.Create(ssid);   // or ExpertOptionClient.Create(token)
/// await client.ConnectAsync(ct);
/// var asset = (await client.GetAssetsAsync(ct)).First(a => a.IsActive);
/// var trade = await client.BuyAsync(asset.Id, 10m, asset.AllowedExpiries[0], ct);
/// TradeResult result = await client.CheckResultAsync(trade, ct);
/// </code></example>
public interface ITradingClient : IAsyncDisposable
{
    /// <summary>What the platform supports and its limits.</summary>
    TradingCapabilities Capabilities { get; }

    /// <summary>The connection's state now.</summary>
    ConnectionState ConnectionState { get; }

    /// <summary>Connects and logs in; returns once the client is Ready. It then stays connected, reconnecting, until disposed.</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>A task that completes when the client is Ready.</returns>
    /// <exception cref="LoginRejectedException">The platform refused the credentials (terminal).</exception>
    Task ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>The balance of the account traded.</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The balance.</returns>
    Task<decimal> GetBalanceAsync(CancellationToken cancellationToken = default);

    /// <summary>Every balance the platform pushes from now on (after trades, deposits, …), until the enumeration ends.</summary>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The balances.</returns>
    /// <exception cref="NotSupportedByPlatformException">The platform pushes no balances (<see cref="TradingOperation.BalanceUpdates"/>), thrown by the call.</exception>
    IAsyncEnumerable<decimal> WatchBalanceAsync(CancellationToken cancellationToken = default);

    /// <summary>The assets with their ids, payouts, expiries and (where the platform has them per asset) stake limits.</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The assets.</returns>
    Task<IReadOnlyList<AssetInfo>> GetAssetsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// An asset's live candles, built from its ticks by <paramref name="mode"/>. The subscription starts when this method is
    /// called (a tick that arrives before the first read is kept) and ends with the enumeration; enumerate the result once.
    /// </summary>
    /// <remarks>
    /// Disposing the enumerator while a <c>MoveNextAsync</c> is pending ends that read with <see langword="false"/> and never
    /// throws; cancelling <paramref name="cancellationToken"/> ends it with <see cref="OperationCanceledException"/>. A start
    /// that could not be sent fails the first read. Called before <c>ConnectAsync</c> (or while reconnecting), it sends nothing yet: the
    /// asset is subscribed once the client has logged in, before it reports Ready, and the candles follow.
    /// </remarks>
    /// <param name="assetId">The asset's <see cref="AssetInfo.Id"/>.</param>
    /// <param name="mode">None (every tick), chunks of n ticks, time windows, or time windows aligned to the clock.</param>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The candles, as they complete.</returns>
    /// <exception cref="NotSupportedByPlatformException">The platform has no candle streams or does not take this mode, thrown by the call.</exception>
    IAsyncEnumerable<Candle> SubscribeAsync(string assetId, SubscriptionMode mode, CancellationToken cancellationToken = default);

    /// <summary>The last <paramref name="count"/> completed candles of <paramref name="period"/> before now, oldest first (fewer when the platform has no older ones).</summary>
    /// <param name="assetId">The asset's <see cref="AssetInfo.Id"/>.</param>
    /// <param name="period">The candle length, whole seconds.</param>
    /// <param name="count">How many candles, at least 1 and at most <see cref="TradingCapabilities.MaxHistoryCount"/> when it is known.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The candles, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A period that is not whole seconds, or a count out of range.</exception>
    Task<IReadOnlyList<Candle>> GetCandlesAsync(string assetId, TimeSpan period, int count, CancellationToken cancellationToken = default);

    /// <summary>Opens a call (buy): checked before it is sent (asset known and active, stake and expiry within its limits), sent once.</summary>
    /// <param name="assetId">The asset's <see cref="AssetInfo.Id"/>.</param>
    /// <param name="amount">The stake.</param>
    /// <param name="expiry">The trade's duration, one of the asset's <see cref="AssetInfo.AllowedExpiries"/>.</param>
    /// <param name="cancellationToken">Abandons the wait; an order already sent may still open, and it is never re-sent.</param>
    /// <returns>The opened trade.</returns>
    /// <exception cref="TradeCheckException">The order failed a check; nothing was sent.</exception>
    Task<OpenedTrade> BuyAsync(string assetId, decimal amount, TimeSpan expiry, CancellationToken cancellationToken = default);

    /// <summary>Opens a put (sell); checked, sent and answered as <see cref="BuyAsync"/>.</summary>
    /// <param name="assetId">The asset's <see cref="AssetInfo.Id"/>.</param>
    /// <param name="amount">The stake.</param>
    /// <param name="expiry">The trade's duration, one of the asset's <see cref="AssetInfo.AllowedExpiries"/>.</param>
    /// <param name="cancellationToken">Abandons the wait; an order already sent may still open, and it is never re-sent.</param>
    /// <returns>The opened trade.</returns>
    /// <exception cref="TradeCheckException">The order failed a check; nothing was sent.</exception>
    Task<OpenedTrade> SellAsync(string assetId, decimal amount, TimeSpan expiry, CancellationToken cancellationToken = default);

    /// <summary>Waits for a trade's result: at once when it is already known, else until it closes (bounded by its expiry plus a grace).</summary>
    /// <param name="trade">A trade this client opened.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Win, loss or draw, with the profit.</returns>
    /// <exception cref="ArgumentException">The trade was opened on another platform.</exception>
    Task<TradeResult> CheckResultAsync(OpenedTrade trade, CancellationToken cancellationToken = default);
}
