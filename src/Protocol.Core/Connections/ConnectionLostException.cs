namespace Protocol;

/// <summary>
/// The connection was lost (or was not open) while an operation needed it. Commands in flight fail with this and are
/// never re-sent automatically: check the platform's state (e.g. open deals) before repeating anything that moves money.
/// </summary>
public sealed class ConnectionLostException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was interrupted and what to do.</param>
    /// <param name="innerException">The underlying error.</param>
    public ConnectionLostException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True when it is certain that nothing of the interrupted request reached the wire (the connection was not open, or the
    /// request's session had ended before it was written); false when the request may have reached the platform (it was written,
    /// or the send was interrupted), so its outcome is unknown.
    /// </summary>
    public bool NothingSent { get; init; }
}
