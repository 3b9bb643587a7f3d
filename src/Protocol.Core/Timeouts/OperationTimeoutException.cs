namespace Protocol;

/// <summary>
/// A named operation did not finish within its timeout: a <c>[ProtocolTimeout]</c> wrapper, or (as <see cref="CommandTimeoutException"/>)
/// a module command. Catch this type for every toolkit timeout that names what timed out.
/// </summary>
public class OperationTimeoutException : TimeoutException
{
    /// <summary>Creates the error.</summary>
    /// <param name="operation">The operation's name.</param>
    /// <param name="timeout">The timeout that expired.</param>
    public OperationTimeoutException(string operation, TimeSpan timeout)
        : this(operation, timeout, $"The operation '{operation}' did not complete within {timeout.TotalMilliseconds:0} ms.")
    {
    }

    /// <summary>Creates the error with a specific message.</summary>
    /// <param name="operation">The operation's name.</param>
    /// <param name="timeout">The timeout that expired.</param>
    /// <param name="message">What timed out and what to do about it.</param>
    protected OperationTimeoutException(string operation, TimeSpan timeout, string message)
        : base(message)
    {
        Operation = operation;
        Timeout = timeout;
    }

    /// <summary>The operation's name.</summary>
    public string Operation { get; }

    /// <summary>The timeout that expired.</summary>
    public TimeSpan Timeout { get; }
}
