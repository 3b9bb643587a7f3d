using System.Globalization;
using Protocol.Trading.Candles;
using Protocol.Trading.Capabilities;
using Protocol.Trading.Clients;
using Protocol.Trading.Market;
using Protocol.Trading.Trades;

namespace Protocol.ExpertOption;

// The platform-neutral face: asset ids are the numeric ids as text, orders are checked against the asset's own limits before
// anything is sent, and what ExpertOption lacks fails as its capability description says.
#pragma warning disable CS1591 // The class is documented in its main part (ExpertOptionClient.cs).
public sealed partial class ExpertOptionClient : ITradingClient
#pragma warning restore CS1591
{
    private IReadOnlyList<ExpertOptionAsset>? _knownAssets;

    TradingCapabilities ITradingClient.Capabilities => Capabilities;

    // The description says why (no balance push is documented); the reason is read from it, so the two never disagree.
    IAsyncEnumerable<decimal> ITradingClient.WatchBalanceAsync(CancellationToken cancellationToken)
        => throw new NotSupportedByPlatformException(Capabilities.Platform, TradingOperation.BalanceUpdates, Capabilities.Unsupported[TradingOperation.BalanceUpdates]);

    async Task<IReadOnlyList<AssetInfo>> ITradingClient.GetAssetsAsync(CancellationToken cancellationToken)
    {
        var assets = await GetAssetsAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _knownAssets, assets);
        return [.. assets.Select(a => a.Info)];
    }

    IAsyncEnumerable<Candle> ITradingClient.SubscribeAsync(string assetId, SubscriptionMode mode, CancellationToken cancellationToken)
    {
        Capabilities.EnsureSupported(mode);
        return SubscribeAsync(ParseAssetId(assetId), mode, cancellationToken);
    }

    async Task<IReadOnlyList<Candle>> ITradingClient.GetCandlesAsync(string assetId, TimeSpan period, int count, CancellationToken cancellationToken)
    {
        var id = ParseAssetId(assetId);
        if (period < TimeSpan.FromSeconds(1) || period.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The candle period is a whole number of seconds, at least 1 (ExpertOption's timeframes: 5 s to 30 days).");
        }

        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Ask for at least 1 candle.");
        }

        // The window ends at the start of the candle in progress, so only completed candles come back.
        var now = _options.TimeProvider.GetUtcNow();
        var end = now - TimeSpan.FromTicks((now - DateTimeOffset.UnixEpoch).Ticks % period.Ticks);
        var candles = await GetCandlesAsync(id, period, end - (period * count), end, cancellationToken).ConfigureAwait(false);
        return [.. candles.Where(c => c.Time + period <= now).TakeLast(count)];
    }

    Task<OpenedTrade> ITradingClient.BuyAsync(string assetId, decimal amount, TimeSpan expiry, CancellationToken cancellationToken)
        => OpenCheckedAsync(assetId, amount, expiry, TradeDirection.Buy, cancellationToken);

    Task<OpenedTrade> ITradingClient.SellAsync(string assetId, decimal amount, TimeSpan expiry, CancellationToken cancellationToken)
        => OpenCheckedAsync(assetId, amount, expiry, TradeDirection.Sell, cancellationToken);

    Task<TradeResult> ITradingClient.CheckResultAsync(OpenedTrade trade, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (trade.Platform != Capabilities.Platform || !long.TryParse(trade.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new ArgumentException($"This trade ({trade.Platform} {trade.Id}) was not opened by an ExpertOption client; check it with the client that opened it.", nameof(trade));
        }

        var own = new ExpertOptionTrade(id, ParseAssetId(trade.AssetId), trade.Direction, trade.Amount, trade.OpenedAt, trade.ExpiresAt, trade.Payout ?? 0);
        return CheckResultAsync(own, cancellationToken);
    }

    private static int ParseAssetId(string assetId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assetId);
        if (!int.TryParse(assetId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new ArgumentException(
                $"ExpertOption names assets by their numeric id (AssetInfo.Id, e.g. \"142\"), not '{assetId}'; take the id from GetAssetsAsync.", nameof(assetId));
        }

        return id;
    }

    // Checked against the asset list (read once, again when the asset is not in it), so a refused order never reaches the wire.
    private async Task<OpenedTrade> OpenCheckedAsync(string assetId, decimal amount, TimeSpan expiry, TradeDirection direction, CancellationToken cancellationToken)
    {
        var id = ParseAssetId(assetId);
        var asset = Volatile.Read(ref _knownAssets)?.FirstOrDefault(a => a.Id == id);
        if (asset is null)
        {
            var assets = await GetAssetsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _knownAssets, assets);
            asset = assets.FirstOrDefault(a => a.Id == id)
                ?? throw new TradeCheckException(TradeCheckProblem.UnknownAsset,
                    $"ExpertOption lists no asset with id {id}; nothing was sent. Take an id from GetAssetsAsync.", nameof(assetId));
        }

        if (!asset.Info.IsActive)
        {
            throw new TradeCheckException(TradeCheckProblem.InactiveAsset,
                $"The asset {asset.Info} cannot be traded now; nothing was sent. Pick an active asset or try again when it opens.", nameof(assetId));
        }

        // A limit the asset row left out (0) is no limit here; a stake must still be positive.
        var (min, max) = Capabilities.AmountLimits(asset.Info);
        if (amount <= 0 || amount < min || amount > max)
        {
            throw new TradeCheckException(TradeCheckProblem.AmountOutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"The stake {amount} is outside {min?.ToString(CultureInfo.InvariantCulture) ?? "0"}–{max?.ToString(CultureInfo.InvariantCulture) ?? "any"}, the limits of asset {id}; nothing was sent. Pass a stake within them."),
                nameof(amount));
        }

        if (!asset.Info.IsExpiryAllowed(expiry) || expiry < asset.PurchaseTime)
        {
            var allowed = string.Join(", ", asset.Info.AllowedExpiries.Where(e => e >= asset.PurchaseTime).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.TotalSeconds:0} s")));
            throw new TradeCheckException(TradeCheckProblem.ExpiryNotAllowed,
                $"The expiry {expiry} is not allowed for asset {id}; nothing was sent. Allowed: {allowed}.", nameof(expiry));
        }

        var trade = direction == TradeDirection.Buy
            ? await BuyAsync(id, amount, expiry, cancellationToken).ConfigureAwait(false)
            : await SellAsync(id, amount, expiry, cancellationToken).ConfigureAwait(false);
        return new OpenedTrade(Capabilities.Platform, trade.Id.ToString(CultureInfo.InvariantCulture), id.ToString(CultureInfo.InvariantCulture), trade.Direction, trade.Amount, trade.OpenedAt, trade.ExpiresAt,
            trade.Payout > 0 ? trade.Payout : asset.Info.Payout);
    }
}
