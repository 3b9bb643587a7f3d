using System.Text.Json;
using Protocol;
using Protocol.Trading.Candles;

namespace Protocol.ExpertOption.Wire.Candles;

/// <summary>
/// The history reply ([M], fact sheet §4.7): <c>{"assetId":160,"candles":[{"tf":5,"periods":[[start,[[o,h,l,c],…]]]}]}</c>, echoing
/// the request's <c>ns</c>; row <i>i</i> of a period starts at <c>start + i·tf</c>.
/// </summary>
[ProtocolMessage("assetHistoryCandles", Direction = WireDirection.Incoming)]
public sealed partial class HistoryCandlesReply
{
    /// <summary>The message.</summary>
    [WireName("message")]
    public HistoryCandlesReplyBody Body { get; set; } = new();

    /// <summary>The echoed request id.</summary>
    [WireOptional]
    public JsonElement Ns { get; set; }

    /// <summary>The candles of every timeframe and period, oldest first; rows that are not four numbers are skipped.</summary>
    /// <returns>The candles.</returns>
    public IReadOnlyList<Candle> ToCandles()
    {
        var candles = new List<Candle>();
        foreach (var group in Body.Candles)
        {
            if (group.Periods.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var period in group.Periods.EnumerateArray())
            {
                if (period.ValueKind != JsonValueKind.Array || period.GetArrayLength() < 2 || !period[0].TryGetDouble(out var start) || period[1].ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                var i = 0;
                foreach (var row in period[1].EnumerateArray())
                {
                    if (TryOhlc(row, out var o, out var h, out var l, out var c))
                    {
                        candles.Add(new Candle(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round((start + (double)i * group.Tf) * 1000)), o, h, l, c));
                    }

                    i++;
                }
            }
        }

        candles.Sort(static (a, b) => a.Time.CompareTo(b.Time));
        return candles;
    }

    private static bool TryOhlc(JsonElement row, out decimal open, out decimal high, out decimal low, out decimal close)
    {
        open = high = low = close = 0;
        return row.ValueKind == JsonValueKind.Array && row.GetArrayLength() >= 4
            && row[0].TryGetDecimal(out open) && row[1].TryGetDecimal(out high) && row[2].TryGetDecimal(out low) && row[3].TryGetDecimal(out close);
    }
}

/// <summary>The message of <see cref="HistoryCandlesReply"/>.</summary>
[WireType]
public sealed partial class HistoryCandlesReplyBody
{
    /// <summary>The asset id.</summary>
    [WireOptional]
    public int AssetId { get; set; }

    /// <summary>One group per timeframe.</summary>
    [WireOptional]
    public List<HistoryCandleGroup> Candles { get; set; } = [];
}

/// <summary>The candles of one timeframe in a <see cref="HistoryCandlesReply"/>.</summary>
[WireType]
public sealed partial class HistoryCandleGroup
{
    /// <summary>The timeframe, seconds.</summary>
    public int Tf { get; set; }

    /// <summary>The periods, each <c>[start, [[o,h,l,c],…]]</c>, as read (mixed arrays).</summary>
    [WireOptional]
    public JsonElement Periods { get; set; }
}
