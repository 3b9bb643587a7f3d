using System.Globalization;
using System.Net.WebSockets;

namespace Protocol;

/// <summary>
/// Describes a peer's WebSocket close for a disconnect description: the numeric code (application codes 4000-4999 have
/// no name), its name when it has one, and the peer's reason, so the user sees what the server said.
/// </summary>
internal static class CloseStatusText
{
    public static string Describe(WebSocketCloseStatus? status, string? reason)
    {
        if (status is not { } code)
        {
            return "no close status";
        }

        var text = Enum.IsDefined(code)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)code} {code}")
            : ((int)code).ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(reason) ? text : $"{text}, reason \"{reason}\"";
    }

    /// <summary>What the user is told when the socket itself refused the peer's bytes.</summary>
    public const string ProtocolViolation =
        "The server broke the WebSocket protocol (for example a text message that is not valid UTF-8, or a malformed frame), so the socket closed the connection (1007/1002). The server is broken or hostile; reconnect, and report it if it persists.";

    /// <summary>
    /// Whether <paramref name="error"/> is the socket refusing the peer's bytes (invalid UTF-8 in a text message, a bad
    /// frame): the managed WebSocket reports those as <see cref="WebSocketError.Faulted"/> with no inner cause and a
    /// generic message that does not say what happened.
    /// </summary>
    public static bool IsProtocolViolation(WebSocketException error) =>
        error.WebSocketErrorCode == WebSocketError.Faulted && error.InnerException is null;
}
