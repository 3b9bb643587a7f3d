namespace Protocol.SocketIO;

/// <summary>
/// Thrown by the encoder when asked to write a packet the reference server would reject (and answer by closing the
/// connection): an empty or reserved event name, a negative ack id, a malformed namespace, malformed argument JSON,
/// or a wrong attachment count. Nothing is written to the output when this is thrown.
/// </summary>
public sealed class SocketIOEncodingException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What was wrong.</param>
    /// <param name="message">A message that says what was wrong and what to do.</param>
    /// <param name="paramName">The argument that was wrong, if known.</param>
    public SocketIOEncodingException(SocketIOProtocolError error, string message, string? paramName)
        : base(message, paramName)
    {
        Error = error;
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    /// <param name="error">What was wrong.</param>
    /// <param name="message">A message that says what was wrong and what to do.</param>
    /// <param name="paramName">The argument that was wrong, if known.</param>
    /// <param name="innerException">The underlying cause.</param>
    public SocketIOEncodingException(SocketIOProtocolError error, string message, string? paramName, Exception? innerException)
        : base(message, paramName, innerException)
    {
        Error = error;
    }

    /// <summary>The machine-readable reason.</summary>
    public SocketIOProtocolError Error { get; }
}
