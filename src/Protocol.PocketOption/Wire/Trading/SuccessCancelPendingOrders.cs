using System.Text.Json;

namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// Several pending orders were cancelled: <c>successcancelPendingOrders</c> <c>{"cancelled":[…]}</c>, each entry a ticket or an
/// object naming one (<c>{"ticket":…}</c> or <c>{"id":…,"success":…}</c>); <see cref="CancelledTickets"/> reads either.
/// </summary>
[ProtocolMessage("successcancelPendingOrders", Direction = WireDirection.Incoming)]
public sealed partial class SuccessCancelPendingOrders
{
    /// <summary>The entries as sent.</summary>
    [WireOptional]
    public List<JsonElement> Cancelled { get; set; } = [];

    /// <summary>The tickets the platform reports cancelled (entries with <c>"success":false</c> left out).</summary>
    /// <returns>The tickets, in the platform's order.</returns>
    public IReadOnlyList<string> CancelledTickets()
    {
        var tickets = new List<string>(Cancelled.Count);
        foreach (var entry in Cancelled)
        {
            switch (entry.ValueKind)
            {
                case JsonValueKind.String:
                    tickets.Add(entry.GetString()!);
                    break;
                case JsonValueKind.Number:
                    tickets.Add(entry.GetRawText());
                    break;
                case JsonValueKind.Object when !(entry.TryGetProperty("success", out var ok) && ok.ValueKind == JsonValueKind.False):
                    if (TicketOf(entry) is { } ticket) tickets.Add(ticket);
                    break;
            }
        }

        return tickets;
    }

    private static string? TicketOf(JsonElement entry)
    {
        foreach (var name in (ReadOnlySpan<string>)["ticket", "id"])
        {
            if (entry.TryGetProperty(name, out var value))
            {
                if (value.ValueKind == JsonValueKind.String) return value.GetString();
                if (value.ValueKind == JsonValueKind.Number) return value.GetRawText();
            }
        }

        return null;
    }
}
