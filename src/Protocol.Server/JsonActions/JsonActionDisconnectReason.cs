namespace Protocol.Server.JsonActions;

/// <summary>Why a JSON-action session ended.</summary>
public enum JsonActionDisconnectReason
{
    /// <summary>The client closed the WebSocket, or the connection broke.</summary>
    TransportClosed,

    /// <summary>No frame from the client within <see cref="JsonActionServerOptions.IdleTimeout"/>.</summary>
    IdleTimeout,

    /// <summary>The server closed it (<see cref="JsonActionSession.CloseAsync"/>).</summary>
    ServerClosed,

    /// <summary>A message over <see cref="JsonActionServerOptions.MaxMessageBytes"/>.</summary>
    MessageTooLarge,

    /// <summary>The server shut down.</summary>
    ServerShutdown,

    /// <summary>
    /// The server dropped the connection without a close frame (<see cref="JsonActionSession.Abort"/> or
    /// <see cref="JsonActionSession.DisposeAsync"/>).
    /// </summary>
    ServerAborted,
}
