namespace Protocol.SocketIO;

/// <summary>
/// Thrown when received bytes are not a valid Engine.IO v4 / Socket.IO v5 packet. The reference server treats the same
/// inputs as fatal and closes the connection; a client should do the same (close and reconnect), not skip the packet.
/// </summary>
public sealed class SocketIOProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What was wrong.</param>
    /// <param name="message">A message that says what was wrong and what to do.</param>
    public SocketIOProtocolException(SocketIOProtocolError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the exception with an inner cause (for example the JSON reader's error).</summary>
    /// <param name="error">What was wrong.</param>
    /// <param name="message">A message that says what was wrong and what to do.</param>
    /// <param name="innerException">The underlying cause.</param>
    public SocketIOProtocolException(SocketIOProtocolError error, string message, Exception? innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>The machine-readable reason.</summary>
    public SocketIOProtocolError Error { get; }
}
