using Protocol.Trading.Candles;
using Protocol.Trading.Clients;
using Protocol.Trading.Trades;

namespace Protocol.Trading.Tests.Strategies;

/// <summary>The README's strategy, word for word between the markers (a test compares the two).</summary>
public static class UpCandleStrategy
{
    // <readme>
    // Buys as soon as a 5-second candle closes up, then waits for the trade's result; runs on any platform.
    public static async Task<(Candle Signal, OpenedTrade Trade, TradeResult Result)> RunAsync(
        ITradingClient client, string assetId, decimal amount, CancellationToken cancellationToken = default)
    {
        var asset = (await client.GetAssetsAsync(cancellationToken)).Single(a => a.Id == assetId);
        var fiveSeconds = SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5));
        await foreach (var candle in client.SubscribeAsync(assetId, fiveSeconds, cancellationToken))
        {
            if (candle.Close > candle.Open)
            {
                var trade = await client.BuyAsync(assetId, amount, asset.AllowedExpiries[0], cancellationToken);
                return (candle, trade, await client.CheckResultAsync(trade, cancellationToken));
            }
        }

        throw new OperationCanceledException("The candle stream ended before a candle closed up.", cancellationToken);
    }
    // </readme>
}
