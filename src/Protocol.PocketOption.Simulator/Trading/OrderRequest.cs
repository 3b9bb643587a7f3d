using System.Globalization;
using System.Text.Json;

namespace Protocol.PocketOption.Simulator.Trading;

/// <summary>What the simulator reads of an <c>openOrder</c> (§3.1: <c>{asset,action,amount,isDemo,optionType,requestId,time}</c>).</summary>
internal readonly record struct OrderRequest(string Asset, int Command, decimal Amount, int ExpirySeconds, string? RequestIdJson)
{
    /// <summary>Reads the order; false when a required field is missing or not of its type.</summary>
    public static bool TryParse(JsonElement order, out OrderRequest request)
    {
        request = default;
        if (order.ValueKind != JsonValueKind.Object
            || !order.TryGetProperty("asset", out var asset) || asset.ValueKind != JsonValueKind.String
            || !order.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String
            || !order.TryGetProperty("amount", out var amountValue) || !TryDecimal(amountValue, out var amount)
            || !order.TryGetProperty("time", out var time) || !time.TryGetInt32(out var expiry))
        {
            return false;
        }

        var command = action.GetString() switch
        {
            "call" => 0,
            "put" => 1,
            _ => -1,
        };
        if (command < 0)
        {
            return false;
        }

        var requestId = order.TryGetProperty("requestId", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number ? id.GetRawText() : null;
        request = new OrderRequest(asset.GetString()!, command, amount, expiry, requestId);
        return true;
    }

    /// <summary>The asset and amount a <c>failopenOrder</c> echoes for an order that could not be read.</summary>
    public static (string Asset, decimal Amount) Echo(JsonElement order)
    {
        var asset = order.ValueKind == JsonValueKind.Object && order.TryGetProperty("asset", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
        var amount = order.ValueKind == JsonValueKind.Object && order.TryGetProperty("amount", out var m) && TryDecimal(m, out var d) ? d : 0m;
        return (asset, amount);
    }

    // The reference client sends a JSON float; a decimal string is accepted too.
    internal static bool TryDecimal(JsonElement value, out decimal amount)
    {
        amount = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDecimal(out amount),
            JsonValueKind.String => decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out amount),
            _ => false,
        };
    }
}
