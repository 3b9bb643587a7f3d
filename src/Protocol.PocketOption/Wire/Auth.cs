using System.Text.Json;

namespace Protocol.PocketOption.Wire;

/// <summary>
/// <c>42["auth",{…}]</c>: the login, the SSID's object sent as it was copied (every key kept, <c>sessionToken</c> already
/// renamed to <c>session</c> by <see cref="Session.Ssid"/>). Its payload holds the session: never log or print it.
/// </summary>
[ProtocolMessage("auth", Direction = WireDirection.Outgoing, Layout = WireLayout.Value)]
public sealed partial class Auth
{
    /// <summary>The SSID's <c>{…}</c> object. Secret.</summary>
    public JsonElement Payload { get; set; }

    /// <summary>Describes the message without its payload (the session is a secret).</summary>
    /// <returns><c>auth</c>.</returns>
    public override string ToString() => "auth";

    /// <summary>The auth message of <paramref name="ssid"/>: its object, every key kept.</summary>
    /// <param name="ssid">The parsed SSID.</param>
    /// <returns>The message.</returns>
    internal static Auth From(Session.Ssid ssid)
    {
        ArgumentNullException.ThrowIfNull(ssid);

        // AuthFrame is 42["auth",{…}]: the object sits between the event name and the closing bracket.
        const string prefix = "42[\"auth\",";
        var frame = ssid.AuthFrame;
        using var json = JsonDocument.Parse(frame.AsMemory(prefix.Length, frame.Length - prefix.Length - 1));
        return new Auth { Payload = json.RootElement.Clone() };
    }
}
