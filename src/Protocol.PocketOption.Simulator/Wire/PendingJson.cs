using Protocol.PocketOption.Simulator.Trading;

namespace Protocol.PocketOption.Simulator.Wire;

/// <summary>The pending-order payloads (§3.2): <c>PendingOrder</c> and the cancel answers.</summary>
internal static class PendingJson
{
    /// <summary>
    /// <c>{"ticket","openType","amount","symbol","openTime","openPrice","timeframe","minPayout","command","dateCreated","id"}</c>;
    /// <c>openTime</c> in the platform's "YYYY-MM-DD HH:MM:SS" when the order has one, else as it was sent.
    /// </summary>
    public static byte[] Order(PendingOrder order) => PocketJson.Write(w =>
    {
        var request = order.Request;
        w.WriteStartObject();
        w.WriteString("ticket", order.Ticket.ToString("D"));
        w.WriteNumber("openType", (int)request.Trigger);
        w.WriteNumber("amount", request.Amount);
        w.WriteString("symbol", order.Asset.Symbol);
        w.WriteString("openTime", request.OpenAt is { } at ? DealJson.Format(at) : request.OpenTimeText);
        w.WriteNumber("openPrice", request.OpenPrice);
        w.WriteNumber("timeframe", request.Timeframe);
        w.WriteNumber("minPayout", request.MinPayout);
        w.WriteNumber("command", request.Command);
        w.WriteString("dateCreated", DealJson.Format(order.Created));
        w.WriteNumber("id", order.Id);
        w.WriteEndObject();
    });

    /// <summary><c>successcancelPendingOrder</c>: <c>{"ticket"}</c>.</summary>
    public static byte[] Cancelled(string ticket) => PocketJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("ticket", ticket);
        w.WriteEndObject();
    });

    /// <summary><c>successcancelPendingOrders</c>: <c>{"cancelled":[tickets]}</c>.</summary>
    public static byte[] CancelledMany(IEnumerable<string> tickets) => PocketJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("cancelled");
        foreach (var ticket in tickets)
        {
            w.WriteStringValue(ticket);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary><c>failcancelPendingOrder(s)</c>: <c>{"error"}</c>, with the ticket when one was named.</summary>
    public static byte[] CancelFailed(string error, string? ticket) => PocketJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("error", error);
        if (ticket is not null)
        {
            w.WriteString("ticket", ticket);
        }

        w.WriteEndObject();
    });
}
