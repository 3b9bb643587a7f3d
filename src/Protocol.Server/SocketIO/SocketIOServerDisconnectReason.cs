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
}
