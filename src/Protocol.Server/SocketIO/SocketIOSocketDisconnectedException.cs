using Protocol;

namespace Protocol.Server.SocketIO;

/// <summary>A send or a wait on a <see cref="SocketIOServerSocket"/> that is no longer connected; nothing more reaches that client on it.</summary>
public sealed class SocketIOSocketDisconnectedException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and why.</param>
    /// <param name="reason">Why the socket left.</param>
    public SocketIOSocketDisconnectedException(string message, SocketIOServerDisconnectReason reason)
        : base(message) => Reason = reason;

    /// <summary>Why the socket left its namespace.</summary>
    public SocketIOServerDisconnectReason Reason { get; }
}
