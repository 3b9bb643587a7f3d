namespace Protocol.SocketIO;

/// <summary>
/// The operation could not complete because the connection is closed or closed while it was pending (pending acks,
/// queued sends, namespace connects). <see cref="Info"/> says why it closed.
/// </summary>
public sealed class SocketIOConnectionClosedException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was pending, for the message.</param>
    /// <param name="info">Why the connection closed.</param>
    public SocketIOConnectionClosedException(string operation, SocketIODisconnectInfo info)
        : base($"{operation} failed: the Socket.IO connection closed ({info.Reason}: {info.Description}). Reconnect with a new connection and retry if the operation is safe to repeat.", info.Exception)
    {
        Info = info;
    }

    /// <summary>Why the connection closed.</summary>
    public SocketIODisconnectInfo Info { get; }
}
