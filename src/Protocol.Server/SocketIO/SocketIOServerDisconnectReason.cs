namespace Protocol.Server.SocketIO;

/// <summary>Why a <see cref="SocketIOServerSocket"/> left its namespace.</summary>
public enum SocketIOServerDisconnectReason
{
    /// <summary>The client left the namespace (it sent DISCONNECT).</summary>
    ClientLeft,

    /// <summary>The server disconnected it (<see cref="SocketIOServerSocket.DisconnectAsync"/>).</summary>
    ServerDisconnect,

    /// <summary>The client did not answer a ping within the ping timeout.</summary>
    PingTimeout,

    /// <summary>The client closed the Engine.IO session or the WebSocket, or the connection broke.</summary>
    TransportClosed,

    /// <summary>The client sent something that is not Engine.IO v4 / Socket.IO v5; the session was closed.</summary>
    ProtocolError,

    /// <summary>The server shut down.</summary>
    ServerShutdown,

    /// <summary>The server dropped the connection without a close frame (<see cref="SocketIOServerSocket.AbortSession"/>).</summary>
    ServerAbort,

    /// <summary>
    /// The client did not take what the server sent: the session's answer to a join (CONNECT or CONNECT_ERROR) waited
    /// <see cref="SocketIOServerOptions.SendQueueTimeout"/> for room in a full send queue. The session was dropped without a
    /// close frame (none could get through) rather than leave the client waiting for an answer it never gets.
    /// </summary>
    SendQueueFull,

    /// <summary>
    /// The server's own handling of a packet failed, outside the application's handlers (for example a refusal message
    /// too long to send within <see cref="SocketIOServerOptions.MaxPayload"/>). The failure is logged and the session
    /// closed with WebSocket status 1011 (internal error) rather than left running without anyone handling its packets.
    /// </summary>
    ServerError,
}
