namespace Protocol.PocketOption.Simulator.Host;

/// <summary>The command line cannot be used; the message says which argument and what it accepts.</summary>
public sealed class HostArgumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what to pass instead.</param>
    public HostArgumentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What was wrong and what to pass instead.</param>
    /// <param name="inner">The parser's error.</param>
    public HostArgumentException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
