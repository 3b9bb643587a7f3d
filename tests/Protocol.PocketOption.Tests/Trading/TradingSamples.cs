using System.Globalization;

namespace Protocol.PocketOption.Tests.Trading;

/// <summary>Deal payloads in the shapes pocketoption.md §3.2 documents.</summary>
internal static class TradingSamples
{
    public const string DealId = "0b4b2a7e-1c1e-4a8f-9a55-3c1f5e8e0e11";

    /// <summary>A full deal: numbers as strings, requestId as a number, a float close timestamp, nulls and an unknown field.</summary>
    public const string FullDeal = """
        {"id":"0b4b2a7e-1c1e-4a8f-9a55-3c1f5e8e0e11","openTime":"2025-07-07 10:00:00","closeTime":"2025-07-07 10:01:00",
         "openTimestamp":1751882400,"closeTimestamp":1751882460.5,"refundTime":null,"refundTimestamp":null,"uid":87654321,
         "requestId":12345,"amount":1,"profit":"0.87","openPrice":1.08321,"closePrice":"1.08350","percentProfit":87,"percentLoss":100,
         "command":1,"asset":"EURUSD_otc","isDemo":1,"copyTicket":"","openMs":123,"closeMs":null,"optionType":100,"isRollover":false,
         "isCopySignal":false,"isAI":false,"currency":"USD","amountUsd":1,"amountUSD":1,"brandNewField":{"x":[1,2]}}
        """;

    /// <summary>A deal as the server sends it for an order: <c>requestId</c> a UUID string, open for 60 s from <paramref name="openedAt"/>.</summary>
    public static string Deal(string id, string? requestId, decimal amount = 1m, string asset = "EURUSD_otc", decimal profit = 0m, long openedAt = 1751882400, int seconds = 60, int command = 0)
        => $$"""{"id":"{{id}}",{{(requestId is null ? "" : $"\"requestId\":\"{requestId}\",")}}"asset":"{{asset}}","amount":{{amount.ToString(CultureInfo.InvariantCulture)}},"profit":{{profit.ToString(CultureInfo.InvariantCulture)}},"command":{{command}},"openTimestamp":{{openedAt}},"closeTimestamp":{{openedAt + seconds}},"percentProfit":92,"isDemo":1}""";
}
