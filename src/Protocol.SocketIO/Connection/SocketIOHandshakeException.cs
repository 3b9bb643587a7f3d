namespace Protocol.SocketIO;

/// <summary>The Engine.IO handshake failed: the first frame was not a valid open packet.</summary>
public sealed class SocketIOHandshakeException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public SocketIOHandshakeException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
