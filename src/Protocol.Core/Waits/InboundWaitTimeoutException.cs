
namespace Protocol;

/// <summary>
/// A declared wait (<see cref="InboundWait{TMessage}"/>) saw no matching message within its timeout. The event may still
/// happen later: read the platform's state again (or wait again) before acting on its absence.
/// </summary>
public sealed class InboundWaitTimeoutException : OperationTimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="wait">The wait's name (module and declaration, e.g. <c>trades.DealClosed</c>).</param>
    /// <param name="timeout">The timeout that passed.</param>
    public InboundWaitTimeoutException(string wait, TimeSpan timeout)
        : base(wait, timeout, $"Wait '{wait}' saw no matching message within {timeout}. The event may still come: read the state again or wait again with a longer timeout.")
    {
    }

    /// <summary>The wait's name (the same as <see cref="OperationTimeoutException.Operation"/>).</summary>
    public string Wait => Operation;
}
