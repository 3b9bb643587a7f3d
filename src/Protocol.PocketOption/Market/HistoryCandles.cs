using Protocol.PocketOption.Wire;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Market;

/// <summary>Turns the rows of a <c>loadHistoryPeriod</c> answer into candles of one period.</summary>
internal static class HistoryCandles
{
    /// <summary>
    /// Candle rows become candles as they are (their time aligned down to the period); tick rows are bucketed by period
    /// (open = first, close = last, high/low = extremes). Rows with an unusable time are skipped. Keyed by candle start.
    /// </summary>
    public static void AddTo(SortedDictionary<DateTimeOffset, Candle> candles, IEnumerable<HistoryRow> rows, TimeSpan period)
    {
        var ticks = new List<PriceTick>();
        foreach (var row in rows)
        {
            if (!PocketTime.TryToInstant(row.Time, out var time))
            {
                continue;
            }

            if (row is { Open: { } open, Close: { } close, High: { } high, Low: { } low })
            {
                candles[AlignDown(time, period)] = new Candle(AlignDown(time, period), open, high, low, close, row.Volume);
            }
            else if (row.Price is { } price)
            {
                ticks.Add(new PriceTick(time, price));
            }
        }

        foreach (var bucket in ticks.OrderBy(t => t.Time).GroupBy(t => AlignDown(t.Time, period)))
        {
            var first = bucket.First().Price;
            var last = bucket.Last().Price;
            candles[bucket.Key] = new Candle(bucket.Key, first, bucket.Max(t => t.Price), bucket.Min(t => t.Price), last);
        }
    }

    public static DateTimeOffset AlignDown(DateTimeOffset time, TimeSpan period)
    {
        var ticks = (time - DateTimeOffset.UnixEpoch).Ticks;
        return DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(ticks - (ticks % period.Ticks));
    }
}
