using System.Globalization;
using System.Text.Json;
using Protocol.PocketOption.Simulator.Trading;

namespace Protocol.PocketOption.Simulator.Wire;

/// <summary>The trading payloads (§3.2): the <c>Deal</c> object, deal lists, <c>successcloseOrder</c> and <c>failopenOrder</c>.</summary>
internal static class DealJson
{
    public static byte[] Deal(SimulatedDeal deal) => PocketJson.Write(w => Write(w, deal));

    public static byte[] Deals(IEnumerable<SimulatedDeal> deals) => PocketJson.Write(w =>
    {
        w.WriteStartArray();
        foreach (var deal in deals)
        {
            Write(w, deal);
        }

        w.WriteEndArray();
    });

    /// <summary><c>{"profit":…,"deals":[…]}</c>.</summary>
    public static byte[] CloseOrder(decimal profit, IEnumerable<SimulatedDeal> deals) => PocketJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("profit", profit);
        w.WriteStartArray("deals");
        foreach (var deal in deals)
        {
            Write(w, deal);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary><c>{"error":…,"amount":…,"asset":…}</c> (no request id, as on the platform).</summary>
    public static byte[] FailOpenOrder(string error, decimal amount, string asset) => PocketJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("error", error);
        w.WriteNumber("amount", amount);
        w.WriteString("asset", asset);
        w.WriteEndObject();
    });

    private static void Write(Utf8JsonWriter w, SimulatedDeal deal)
    {
        w.WriteStartObject();
        w.WriteString("id", deal.Id.ToString("D"));
        w.WriteString("openTime", Format(deal.OpenTime));
        w.WriteString("closeTime", Format(deal.CloseTime));
        w.WriteNumber("openTimestamp", deal.OpenTime.ToUnixTimeSeconds());
        w.WriteNumber("closeTimestamp", deal.CloseTime.ToUnixTimeSeconds());
        w.WriteNull("refundTime");
        w.WriteNull("refundTimestamp");
        w.WriteNumber("uid", deal.Uid);
        if (deal.RequestIdJson is not null)
        {
            w.WritePropertyName("requestId");
            w.WriteRawValue(deal.RequestIdJson);
        }

        w.WriteNumber("amount", deal.Amount);
        w.WriteNumber("profit", deal.Profit);
        w.WriteNumber("percentProfit", deal.Payout);
        w.WriteNumber("percentLoss", 100);
        w.WriteNumber("openPrice", deal.OpenPrice);
        w.WriteNumber("closePrice", deal.ClosePrice);
        w.WriteNumber("command", deal.Command);
        w.WriteString("asset", deal.Asset.Symbol);
        w.WriteNumber("isDemo", deal.IsDemo ? 1 : 0);
        w.WriteString("copyTicket", "");
        w.WriteNumber("openMs", deal.OpenTime.Millisecond);
        w.WriteNumber("closeMs", deal.CloseTime.Millisecond);
        w.WriteNumber("optionType", 100);
        w.WriteBoolean("isRollover", false);
        w.WriteBoolean("isCopySignal", false);
        w.WriteBoolean("isAI", false);
        w.WriteString("currency", "USD");
        w.WriteNumber("amountUsd", deal.Amount);
        w.WriteNumber("amountUSD", deal.Amount);
        w.WriteEndObject();
    }

    // The platform's "YYYY-MM-DD HH:MM:SS" in UTC.
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
