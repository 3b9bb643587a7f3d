namespace Protocol;

/// <summary>A transport could not be opened (DNS, TCP, TLS, upgrade refused, timeout). The runner retries with backoff.</summary>
public sealed class ConnectionFailedException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to check.</param>
    /// <param name="innerException">The underlying error.</param>
    public ConnectionFailedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
