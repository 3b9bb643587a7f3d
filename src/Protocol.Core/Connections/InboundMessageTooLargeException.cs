namespace Protocol;

/// <summary>
/// The server sent a message larger than the inbound bound (<c>MaxInboundMessageBytes</c> on the connection's options):
/// a single WebSocket message, or a Socket.IO binary message whose header and attachments together cross it. The
/// connection stopped reading it as soon as the bound was crossed (nothing past it was buffered) and ended the session.
/// </summary>
public sealed class InboundMessageTooLargeException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limit">The bound in bytes.</param>
    /// <param name="received">How many bytes of the message had arrived when it was cut off (more than <paramref name="limit"/>).</param>
    /// <param name="what">What crossed the bound, for the message (for example "A WebSocket message").</param>
    /// <param name="innerException">The codec's own report, if any.</param>
    public InboundMessageTooLargeException(long limit, long received, string what = "An inbound WebSocket message", Exception? innerException = null)
        : base($"{what} reached {received} bytes, over the limit of {limit} bytes (MaxInboundMessageBytes); the connection was closed without buffering the rest. Raise MaxInboundMessageBytes if the server legitimately sends messages this large.", innerException)
    {
        Limit = limit;
        Received = received;
    }

    /// <summary>The bound in bytes.</summary>
    public long Limit { get; }

    /// <summary>How many bytes had arrived when the message was cut off.</summary>
    public long Received { get; }
}
