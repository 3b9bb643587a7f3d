namespace Protocol.Timeouts;

/// <summary>An operation did not finish within its declared timeout.</summary>
public sealed class OperationTimeoutException : TimeoutException
{
    /// <summary>Creates the error.</summary>
    /// <param name="operation">The operation's name.</param>
    /// <param name="timeout">The timeout that expired.</param>
    public OperationTimeoutException(string operation, TimeSpan timeout)
        : base($"The operation '{operation}' did not complete within {timeout.TotalMilliseconds:0} ms.")
    {
        Operation = operation;
        Timeout = timeout;
    }

    /// <summary>The operation's name.</summary>
    public string Operation { get; }

    /// <summary>The timeout that expired.</summary>
    public TimeSpan Timeout { get; }
}
