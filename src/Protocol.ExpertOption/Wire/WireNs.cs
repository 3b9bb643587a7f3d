using System.Globalization;
using System.Text.Json;

namespace Protocol.ExpertOption.Wire;

/// <summary>
/// The envelope's <c>ns</c>, which a reply echoes (fact sheet §2.2). Clients send small integers (the web app), UUIDs or other
/// strings, so an inbound <c>ns</c> is kept as the JSON value it was and compared with this client's number in either form.
/// </summary>
public static class WireNs
{
    /// <summary>Whether an inbound <c>ns</c> (a number, or a string of digits) is <paramref name="sent"/>.</summary>
    /// <param name="inbound">The reply's <c>ns</c> as read (undefined when absent).</param>
    /// <param name="sent">The <c>ns</c> this client sent.</param>
    /// <returns>True when they are the same request id.</returns>
    public static bool Is(JsonElement inbound, long sent) => inbound.ValueKind switch
    {
        JsonValueKind.Number => inbound.TryGetInt64(out var n) && n == sent,
        JsonValueKind.String => long.TryParse(inbound.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s == sent,
        _ => false,
    };

    /// <summary>
    /// Whether a reply answers the request sent with <paramref name="sent"/>: its <c>ns</c> is that id, or it has none (one
    /// client notes that profile, assets and candle replies can come without <c>ns</c>; the oldest pending request of that kind
    /// then takes it).
    /// </summary>
    /// <param name="inbound">The reply's <c>ns</c> as read (undefined when absent).</param>
    /// <param name="sent">The <c>ns</c> this client sent.</param>
    /// <returns>True when the reply may answer it.</returns>
    public static bool Answers(JsonElement inbound, long sent) => inbound.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || Is(inbound, sent);
}
