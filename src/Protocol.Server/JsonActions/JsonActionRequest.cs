using System.Text.Json;

namespace Protocol.Server.JsonActions;

/// <summary>An action a client sent: the whole JSON object of one frame.</summary>
public sealed class JsonActionRequest
{
    internal JsonActionRequest(JsonActionSession session, string action, JsonElement frame, bool wasBinary)
    {
        Session = session;
        Action = action;
        Frame = frame;
        WasBinary = wasBinary;
    }

    /// <summary>The client's session.</summary>
    public JsonActionSession Session { get; }

    /// <summary>
    /// Cancelled when the session that sent the action ends (<see cref="JsonActionSession.DisconnectedToken"/>): pass it to
    /// what the handler awaits so that it stops with its client.
    /// </summary>
    public CancellationToken CancellationToken => Session.DisconnectedToken;

    /// <summary>The action's name.</summary>
    public string Action { get; }

    /// <summary>The whole object (<c>{"action":…,"message":…,"token":…,"ns":…}</c>). It may hold the client's token: never log it.</summary>
    public JsonElement Frame { get; }

    /// <summary>Whether it came in a binary frame (UTF-8 JSON) rather than a text frame.</summary>
    public bool WasBinary { get; }

    /// <summary>The <c>message</c> property, or an undefined element when absent.</summary>
    public JsonElement Message => Frame.TryGetProperty("message", out var message) ? message : default;

    /// <summary>The request's <c>ns</c> as its raw JSON (a number or a string), or null when absent: echo it in the reply.</summary>
    public string? NsJson => Frame.TryGetProperty("ns", out var ns) ? ns.GetRawText() : null;

    /// <inheritdoc />
    public override string ToString() => $"action '{Action}' ({(WasBinary ? "binary" : "text")} frame)";
}
