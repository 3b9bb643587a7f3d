namespace Protocol.SocketIO;

/// <summary>Why a <see cref="SocketIOConnection"/> ended. The runtime's reconnect policy decides on it.</summary>
public enum SocketIODisconnectReason
{
    /// <summary>The application called <see cref="SocketIOConnection.DisconnectAsync"/> or disposed the connection.</summary>
    ClientDisconnect,

    /// <summary>The server closed the connection (WebSocket close frame or Engine.IO close packet).</summary>
    ServerDisconnect,

    /// <summary>No frame (ping or any other) arrived within the heartbeat window (pingInterval + pingTimeout, or <see cref="SocketIOOptions.HeartbeatTimeout"/>): the link is dead or the server is frozen.</summary>
    PingTimeout,

    /// <summary>The transport failed (connection reset, process gone, oversized frame); see <see cref="SocketIODisconnectInfo.Exception"/>.</summary>
    TransportError,

    /// <summary>The server sent bytes that are not valid Engine.IO / Socket.IO; see <see cref="SocketIODisconnectInfo.Exception"/>.</summary>
    ProtocolError,
}
