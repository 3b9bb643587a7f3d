using Protocol.PocketOption.Wire;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Market;

/// <summary>
/// <c>GetCandlesAsync</c>: asks <c>loadHistoryPeriod</c> for the candles before the server's now, each request with its own
/// <c>index</c> from a per-client counter (so concurrent calls never take each other's answers), and pages backwards from the
/// oldest candle received until enough candles arrived, the server has no older ones, or <see cref="MaxPages"/> requests were made.
/// </summary>
internal sealed class CandleHistory(MarketApi market, PocketOptionState state, TimeProvider clock)
{
    /// <summary>The most candles one call returns.</summary>
    public const int MaxCount = 10_000;

    /// <summary>The most requests one call makes.</summary>
    public const int MaxPages = 20;

    private long _index;

    public async Task<IReadOnlyList<Candle>> GetAsync(string asset, TimeSpan period, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        if (period < TimeSpan.FromSeconds(1) || period.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The candle period is a whole number of seconds, at least 1 (PocketOption's periods: 5 s, 60 s, 300 s, …).");
        }

        if (count is < 1 or > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Ask for 1 to {MaxCount} candles; for more, call again with the oldest candle's time.");
        }

        var seconds = (long)period.TotalSeconds;
        var candles = new SortedDictionary<DateTimeOffset, Candle>();
        var end = state.ServerTime.Read(clock).Now.ToUnixTimeSeconds();
        for (var page = 0; page < MaxPages && candles.Count < count; page++)
        {
            var missing = count - candles.Count;
            var request = new LoadHistoryPeriod
            {
                Asset = asset,
                Period = seconds,
                Time = end,
                Index = Interlocked.Increment(ref _index),

                // One period more than missing: the current, unfinished period is not in the answer.
                Offset = (missing + 1) * seconds,
            };
            var answer = await market.LoadHistoryAsync(request, timeout, cancellationToken).ConfigureAwait(false);
            var before = candles.Count;
            HistoryCandles.AddTo(candles, answer.Data, period);
            if (candles.Count == before)
            {
                break; // nothing older on the server
            }

            end = Math.Min(end - seconds, candles.Keys.First().ToUnixTimeSeconds());
        }

        return [.. candles.Values.TakeLast(count)];
    }

    /// <summary>
    /// The completed candles of <paramref name="period"/> that start at or after <paramref name="from"/> and end by
    /// <paramref name="until"/>, oldest first (a reconnect's gap), paging backwards from <paramref name="until"/>.
    /// </summary>
    public async Task<IReadOnlyList<Candle>> GetRangeAsync(string asset, TimeSpan period, DateTimeOffset from, DateTimeOffset until, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seconds = (long)period.TotalSeconds;
        var first = from.ToUnixTimeSeconds();
        var last = until.ToUnixTimeSeconds() - seconds; // the newest candle's start
        if (last < first)
        {
            return [];
        }

        var wanted = Math.Min(((last - first) / seconds) + 1, MaxCount);
        var candles = new SortedDictionary<DateTimeOffset, Candle>();
        var end = until.ToUnixTimeSeconds();
        for (var page = 0; page < MaxPages; page++)
        {
            var request = new LoadHistoryPeriod
            {
                Asset = asset,
                Period = seconds,
                Time = end,
                Index = Interlocked.Increment(ref _index),
                // One period more than the range, as above: the server's edge cases stay inside what is filtered out.
                Offset = Math.Min(end - first, wanted * seconds) + seconds,
            };
            var answer = await market.LoadHistoryAsync(request, timeout, cancellationToken).ConfigureAwait(false);
            var before = candles.Count;
            HistoryCandles.AddTo(candles, answer.Data, period);
            if (candles.Count == before || candles.Keys.First().ToUnixTimeSeconds() <= first)
            {
                break; // nothing older on the server, or the range's start reached
            }

            end = Math.Min(end - seconds, candles.Keys.First().ToUnixTimeSeconds());
        }

        return [.. candles.Values.Where(c => c.Time.ToUnixTimeSeconds() >= first && c.Time.ToUnixTimeSeconds() <= last)];
    }
}
