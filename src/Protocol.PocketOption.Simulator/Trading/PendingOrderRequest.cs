using System.Globalization;
using System.Text.Json;

namespace Protocol.PocketOption.Simulator.Trading;

/// <summary>
/// What the simulator reads of an <c>openPendingOrder</c> (§3.1:
/// <c>{openType,amount,asset,openTime,openPrice,timeframe,minPayout,command}</c>; <c>amount</c> and <c>openPrice</c> as JSON
/// strings or numbers, <c>timeFrame</c> accepted for the 2025 client's <c>timeframe</c>).
/// </summary>
internal readonly record struct PendingOrderRequest(
    PendingTrigger Trigger, decimal Amount, string Asset, DateTimeOffset? OpenAt, string OpenTimeText, decimal OpenPrice, int Timeframe, int MinPayout, int Command)
{
    /// <summary>Reads the order; false when a required field is missing or not of its type.</summary>
    public static bool TryParse(JsonElement order, out PendingOrderRequest request)
    {
        request = default;
        if (order.ValueKind != JsonValueKind.Object
            || !order.TryGetProperty("openType", out var openType) || !openType.TryGetInt32(out var type) || type is not (0 or 1)
            || !order.TryGetProperty("amount", out var amountValue) || !OrderRequest.TryDecimal(amountValue, out var amount)
            || !order.TryGetProperty("asset", out var asset) || asset.ValueKind != JsonValueKind.String
            || (!order.TryGetProperty("timeframe", out var timeframe) && !order.TryGetProperty("timeFrame", out timeframe)) || !timeframe.TryGetInt32(out var frame)
            || !order.TryGetProperty("command", out var commandValue) || !commandValue.TryGetInt32(out var command) || command is not (0 or 1))
        {
            return false;
        }

        var minPayout = order.TryGetProperty("minPayout", out var payout) && payout.TryGetInt32(out var p) ? p : 0;
        var openTimeText = order.TryGetProperty("openTime", out var openTime) ? Text(openTime) : "";
        DateTimeOffset? openAt = TryTime(openTime, out var at) ? at : null;
        var openPrice = order.TryGetProperty("openPrice", out var price) && OrderRequest.TryDecimal(price, out var d) ? d : 0m;
        var trigger = (PendingTrigger)type;
        if ((trigger == PendingTrigger.Time && openAt is null) || (trigger == PendingTrigger.Price && openPrice <= 0))
        {
            return false;
        }

        request = new PendingOrderRequest(trigger, amount, asset.GetString()!, openAt, openTimeText, openPrice, frame, minPayout, command);
        return true;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        _ => "",
    };

    // The platform's "YYYY-MM-DD HH:MM:SS" (UTC), ISO 8601, or unix seconds as a number or a numeric string [simulator-defined].
    private static bool TryTime(JsonElement value, out DateTimeOffset time)
    {
        time = default;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds))
        {
            return TryUnix(seconds, out time);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = value.GetString()!;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
        {
            return TryUnix(seconds, out time);
        }

        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static bool TryUnix(double seconds, out DateTimeOffset time)
    {
        time = default;
        if (double.IsNaN(seconds) || seconds < 0 || seconds > 253_402_300_799)
        {
            return false;
        }

        time = DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(seconds);
        return true;
    }
}
