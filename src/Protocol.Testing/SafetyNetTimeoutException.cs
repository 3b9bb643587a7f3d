namespace Protocol.Testing;

/// <summary>An operation in a test did not finish within its real-time safety net (see <see cref="SafetyNet"/>).</summary>
public sealed class SafetyNetTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was awaited.</param>
    /// <param name="limit">The real-time limit that passed.</param>
    public SafetyNetTimeoutException(string operation, TimeSpan limit)
        : base($"'{operation}' did not finish within {limit.TotalSeconds:0.###} s of real time. Timeouts given to the operation itself run on the test's TimeProvider: " +
               "on a FakeTimeProvider they fire only when the test advances it. Advance the clock past the timeout, or push the reply the operation waits for.")
    {
        Operation = operation;
        Limit = limit;
    }

    /// <summary>What was awaited (the expression, when the compiler filled it in).</summary>
    public string Operation { get; }

    /// <summary>The real-time limit that passed.</summary>
    public TimeSpan Limit { get; }
}
