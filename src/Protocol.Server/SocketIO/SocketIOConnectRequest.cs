using System.Text.Json;

namespace Protocol.Server.SocketIO;

/// <summary>A client asks to join a namespace (Socket.IO CONNECT): what the namespace's authorizer decides on.</summary>
public sealed class SocketIOConnectRequest
{
    internal SocketIOConnectRequest(string sessionId, string @namespace, JsonElement? auth, CancellationToken cancellationToken)
    {
        SessionId = sessionId;
        Namespace = @namespace;
        Auth = auth;
        CancellationToken = cancellationToken;
    }

    /// <summary>The Engine.IO session's id.</summary>
    public string SessionId { get; }

    /// <summary>The namespace asked for (<c>/</c> for the main one).</summary>
    public string Namespace { get; }

    /// <summary>The client's auth object, or null when it sent none. It may hold secrets: never log it.</summary>
    public JsonElement? Auth { get; }

    /// <summary>
    /// Cancelled when the client's session ends, for any reason (it left or closed, a timeout, the server ended it or shut
    /// down): an authorizer that waits (a token store, another service) passes it on so that it stops with its client.
    /// A session that has ended waits <see cref="SocketIOServerOptions.HandlerDrainTimeout"/> for an authorizer that ignores
    /// it, then abandons it; a decision made after the end is not sent. An <see cref="OperationCanceledException"/> the
    /// authorizer throws once it is cancelled is not logged as a failure; its callbacks run on the thread pool, and one that
    /// throws is logged.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <inheritdoc />
    public override string ToString() => $"CONNECT {Namespace} (session {SessionId}, auth {(Auth is null ? "none" : "present")})";
}
