namespace Protocol.SocketIO.Transport;

/// <summary>
/// An inbound message was larger than <see cref="FrameTransportOptions.MaxFrameSize"/>. The transport stops reading
/// it as soon as the limit is crossed (it never buffers the whole message) and aborts the connection.
/// </summary>
public sealed class FrameTooLargeException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limit">The configured limit in bytes.</param>
    public FrameTooLargeException(int limit)
        : base($"An inbound WebSocket message exceeded the limit of {limit} bytes; the connection was aborted. Raise SocketIOOptions.MaxFrameSize (and MaxInboundMessageBytes, which also bounds a single frame) if the server legitimately sends larger messages.")
    {
        Limit = limit;
    }

    /// <summary>The configured limit in bytes.</summary>
    public int Limit { get; }
}
