using System.Text.Json;
using Protocol.PocketOption.Simulator.Market;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Simulator.Wire;

/// <summary>The history payloads (§3.2): <c>updateHistoryNewFast</c> and <c>loadHistoryPeriod[Fast]</c>, read from the feed.</summary>
internal static class HistoryJson
{
    /// <summary>How many ticks one answer may summarise at most [simulator-defined]: long periods get fewer candles.</summary>
    public const int TickBudget = 200_000;

    /// <summary>How many candles one answer holds at most [simulator-defined].</summary>
    public const int MaxCandles = 10_000;

    /// <summary>How many candles <c>changeSymbol</c> sends at most [simulator-defined].</summary>
    public const int ChangeSymbolCandles = 100;

    /// <summary>How far back the ticks of <c>changeSymbol</c>'s <c>history</c> go [simulator-defined].</summary>
    public static readonly TimeSpan ChangeSymbolTicks = TimeSpan.FromMinutes(2);

    /// <summary>
    /// <c>{"asset","period","history":[[t,price]…],"candles":[[t,o,c,h,l]…]}</c>: the ticks of the last two minutes up to
    /// now and the completed candles of <paramref name="periodSeconds"/> before the current one, oldest first.
    /// </summary>
    public static byte[] ChangeSymbol(PriceFeed feed, SimulatedAsset asset, int periodSeconds, DateTimeOffset now) => PocketJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("asset", asset.Symbol);
        w.WriteNumber("period", periodSeconds);
        w.WriteStartArray("history");
        foreach (var tick in feed.Ticks(asset.Symbol, now - ChangeSymbolTicks, now + TimeSpan.FromTicks(1)))
        {
            w.WriteStartArray();
            w.WriteNumberValue(PocketJson.UnixSeconds(tick.Time));
            w.WriteNumberValue(tick.Price);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("candles");
        var period = TimeSpan.FromSeconds(periodSeconds);
        var current = AlignDown(now, period);
        foreach (var candle in Candles(feed, asset, current - (period * ChangeSymbolCandles), current, period))
        {
            w.WriteStartArray();
            w.WriteNumberValue(PocketJson.UnixSeconds(candle.Time));
            w.WriteNumberValue(candle.Open);
            w.WriteNumberValue(candle.Close);
            w.WriteNumberValue(candle.High);
            w.WriteNumberValue(candle.Low);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>
    /// <c>{"asset","index","period","data":[{symbol_id,time,open,close,high,low,volume}…]}</c>: the completed candles whose
    /// period starts in [<paramref name="time"/> − <paramref name="offsetSeconds"/>, <paramref name="time"/>) and ends by
    /// <paramref name="now"/>; <c>volume</c> is the candle's tick count [simulator-defined].
    /// </summary>
    public static byte[] LoadHistoryPeriod(PriceFeed feed, SimulatedAsset asset, int periodSeconds, DateTimeOffset time, long offsetSeconds, JsonElement index, DateTimeOffset now) => PocketJson.Write(w =>
    {
        var period = TimeSpan.FromSeconds(periodSeconds);
        var end = AlignDown(time < now ? time : now, period);
        var from = time - TimeSpan.FromSeconds(Math.Clamp(offsetSeconds, 0, 10L * 365 * 86400));
        w.WriteStartObject();
        w.WriteString("asset", asset.Symbol);
        w.WritePropertyName("index");
        index.WriteTo(w);
        w.WriteNumber("period", periodSeconds);
        w.WriteStartArray("data");
        foreach (var candle in Candles(feed, asset, from, end, period))
        {
            w.WriteStartObject();
            w.WriteNumber("symbol_id", asset.Id);
            w.WriteNumber("time", PocketJson.UnixSeconds(candle.Time));
            w.WriteNumber("open", candle.Open);
            w.WriteNumber("close", candle.Close);
            w.WriteNumber("high", candle.High);
            w.WriteNumber("low", candle.Low);
            w.WriteNumber("volume", candle.Volume ?? 0m); // the tick count, a whole number
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>The start of the period that contains <paramref name="time"/>, periods counted from the Unix epoch.</summary>
    public static DateTimeOffset AlignDown(DateTimeOffset time, TimeSpan period)
    {
        var ticks = (time - DateTimeOffset.UnixEpoch).Ticks;
        return DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(ticks - (((ticks % period.Ticks) + period.Ticks) % period.Ticks));
    }

    // The candles starting at aligned instants in [from, end), at most TickBudget ticks' worth and MaxCandles, keeping the newest.
    private static IEnumerable<Candle> Candles(PriceFeed feed, SimulatedAsset asset, DateTimeOffset from, DateTimeOffset end, TimeSpan period)
    {
        if (period < asset.TickInterval || end <= from)
        {
            yield break;
        }

        var first = AlignDown(from, period);
        if (first < from)
        {
            first += period;
        }

        var ticksPerCandle = Math.Max(1, period.Ticks / asset.TickInterval.Ticks);
        var most = Math.Clamp(TickBudget / ticksPerCandle, 1, MaxCandles);
        var count = (end - first).Ticks / period.Ticks;
        if (count > most)
        {
            first = end - (period * most);
        }

        for (var start = first; start < end; start += period)
        {
            yield return feed.CandleAt(asset.Symbol, start, period);
        }
    }
}
