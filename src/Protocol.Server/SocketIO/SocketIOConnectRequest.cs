using System.Text.Json;

namespace Protocol.Server.SocketIO;

/// <summary>A client asks to join a namespace (Socket.IO CONNECT): what the namespace's authorizer decides on.</summary>
public sealed class SocketIOConnectRequest
{
    internal SocketIOConnectRequest(string sessionId, string @namespace, JsonElement? auth)
    {
        SessionId = sessionId;
        Namespace = @namespace;
        Auth = auth;
    }

    /// <summary>The Engine.IO session's id.</summary>
    public string SessionId { get; }

    /// <summary>The namespace asked for (<c>/</c> for the main one).</summary>
    public string Namespace { get; }

    /// <summary>The client's auth object, or null when it sent none. It may hold secrets: never log it.</summary>
    public JsonElement? Auth { get; }

    /// <inheritdoc />
    public override string ToString() => $"CONNECT {Namespace} (session {SessionId}, auth {(Auth is null ? "none" : "present")})";
}
