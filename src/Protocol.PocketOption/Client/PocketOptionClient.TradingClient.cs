using Protocol.PocketOption.Market;
using Protocol.PocketOption.Trading.Orders;
using Protocol.PocketOption.Wire.Trading;
using Protocol.Trading.Candles;
using Protocol.Trading.Capabilities;
using Protocol.Trading.Clients;
using Protocol.Trading.Market;
using Protocol.Trading.Trades;

namespace Protocol.PocketOption;

// The platform-neutral face: an asset's id is its symbol, the order checks are the trading API's own (reported as the neutral
// TradeCheckException), and trades are deals.
#pragma warning disable CS1591 // The class is documented in its main part (PocketOptionClient.cs).
public sealed partial class PocketOptionClient : ITradingClient
#pragma warning restore CS1591
{
    /// <summary>What the client supports on PocketOption and its limits (the stake limits are <see cref="PocketOptionOptions.Trading"/>'s).</summary>
    public TradingCapabilities Capabilities => field ??= new PocketOptionCapabilities(_options.Trading);

    Task<decimal> ITradingClient.GetBalanceAsync(CancellationToken cancellationToken) => GetBalanceAsync(null, cancellationToken);

    async Task<IReadOnlyList<AssetInfo>> ITradingClient.GetAssetsAsync(CancellationToken cancellationToken)
        => [.. (await GetAssetsAsync(null, cancellationToken).ConfigureAwait(false)).Values.OrderBy(a => a.Id, StringComparer.Ordinal)];

    IAsyncEnumerable<Candle> ITradingClient.SubscribeAsync(string assetId, SubscriptionMode mode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assetId);
        Capabilities.EnsureSupported(mode);
        return new NeutralCandleStream(SubscribeAsync(assetId, mode, cancellationToken), cancellationToken);
    }

    Task<IReadOnlyList<Candle>> ITradingClient.GetCandlesAsync(string assetId, TimeSpan period, int count, CancellationToken cancellationToken)
        => GetCandlesAsync(assetId, period, count, null, cancellationToken);

    Task<OpenedTrade> ITradingClient.BuyAsync(string assetId, decimal amount, TimeSpan expiry, CancellationToken cancellationToken)
        => OpenCheckedAsync(assetId, amount, expiry, TradeDirection.Buy, cancellationToken);

    Task<OpenedTrade> ITradingClient.SellAsync(string assetId, decimal amount, TimeSpan expiry, CancellationToken cancellationToken)
        => OpenCheckedAsync(assetId, amount, expiry, TradeDirection.Sell, cancellationToken);

    Task<TradeResult> ITradingClient.CheckResultAsync(OpenedTrade trade, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (trade.Platform != Capabilities.Platform)
        {
            throw new ArgumentException($"This trade ({trade.Platform} {trade.Id}) was not opened by a PocketOption client; check it with the client that opened it.", nameof(trade));
        }

        return CheckResultAsync(trade.Id, null, cancellationToken);
    }

    private async Task<OpenedTrade> OpenCheckedAsync(string assetId, decimal amount, TimeSpan expiry, TradeDirection direction, CancellationToken cancellationToken)
    {
        // The assets must be known for the checks; waiting for the list is not an order, so nothing is sent for it.
        await GetAssetsAsync(null, cancellationToken).ConfigureAwait(false);
        Deal deal;
        try
        {
            deal = await _trading.OpenAsync(assetId, direction, amount, expiry, null, cancellationToken).ConfigureAwait(false);
        }
        catch (OrderCheckException error)
        {
            var (problem, argument) = error.Problem switch
            {
                OrderProblem.UnknownAsset => (TradeCheckProblem.UnknownAsset, nameof(assetId)),
                OrderProblem.InactiveAsset => (TradeCheckProblem.InactiveAsset, nameof(assetId)),
                OrderProblem.AmountOutOfRange => (TradeCheckProblem.AmountOutOfRange, nameof(amount)),
                _ => (TradeCheckProblem.ExpiryNotAllowed, nameof(expiry)),
            };
            throw new TradeCheckException(problem, error.Message, argument, error);
        }

        var opened = deal.OpenedAt ?? _options.TimeProvider.GetUtcNow();
        return new OpenedTrade(Capabilities.Platform, deal.Id, deal.Asset.Length > 0 ? deal.Asset : assetId, deal.Direction, deal.Amount, opened, deal.ExpiresAt ?? opened + expiry, deal.PercentProfit);
    }
}
