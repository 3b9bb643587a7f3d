namespace Protocol;

/// <summary>Why a connection ended.</summary>
public enum DisconnectReason
{
    /// <summary>This client closed it (disconnect, dispose, or a session the runtime abandoned).</summary>
    ClosedByClient,

    /// <summary>The server closed it with a close frame or a protocol-level disconnect.</summary>
    ClosedByServer,

    /// <summary>The network or the socket failed.</summary>
    TransportError,

    /// <summary>The server sent something the transport cannot accept (malformed frame, message too large).</summary>
    ProtocolError,

    /// <summary>No data arrived within the transport's liveness window (e.g. missed heartbeats).</summary>
    Timeout,
}
