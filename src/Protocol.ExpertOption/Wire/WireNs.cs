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
}
