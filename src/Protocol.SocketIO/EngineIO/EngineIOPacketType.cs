namespace Protocol.SocketIO.EngineIO;

/// <summary>Engine.IO v4 packet types; the value is the ASCII digit minus '0'.</summary>
public enum EngineIOPacketType : byte
{
    /// <summary><c>0</c>: handshake, server to client, JSON payload.</summary>
    Open = 0,

    /// <summary><c>1</c>: the transport may be closed.</summary>
    Close = 1,

    /// <summary><c>2</c>: heartbeat ping (v4: server to client; <c>2probe</c> client to server during upgrade).</summary>
    Ping = 2,

    /// <summary><c>3</c>: heartbeat pong (v4: client to server; <c>3probe</c> server to client during upgrade).</summary>
    Pong = 3,

    /// <summary><c>4</c>: a message; carries one Socket.IO packet. Binary WebSocket frames are messages too.</summary>
    Message = 4,

    /// <summary><c>5</c>: completes a polling to WebSocket upgrade.</summary>
    Upgrade = 5,

    /// <summary><c>6</c>: no-op, flushes a pending long-poll during upgrade.</summary>
    Noop = 6,
}
