namespace Protocol;

/// <summary>The client is closed (disposed, or ended by a terminal error given as the inner exception). Build a new client.</summary>
public sealed class ClientClosedException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="innerException">The terminal error, if the client did not close by disposal.</param>
    public ClientClosedException(Exception? innerException = null)
        : base(innerException is null
            ? "The client is closed (disposed). Build a new client to connect again."
            : $"The client is closed: {innerException.Message}", innerException)
    {
    }
}
