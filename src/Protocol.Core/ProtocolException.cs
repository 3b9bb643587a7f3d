namespace Protocol;

/// <summary>The base of every exception this toolkit throws on purpose.</summary>
public abstract class ProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what to do about it.</param>
    /// <param name="innerException">The underlying error.</param>
    protected ProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
