namespace Protocol;

/// <summary>The runner failed <see cref="ReconnectOptions.MaxAttempts"/> connection attempts in a row and closed the client.</summary>
public sealed class ReconnectLimitExceededException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="attempts">How many attempts failed.</param>
    /// <param name="lastError">The last failure.</param>
    public ReconnectLimitExceededException(int attempts, Exception? lastError)
        : base($"Could not connect after {attempts} attempts; the client is closed. Check the endpoints and the network, or raise ReconnectOptions.MaxAttempts.", lastError)
        => Attempts = attempts;

    /// <summary>How many attempts failed.</summary>
    public int Attempts { get; }
}
