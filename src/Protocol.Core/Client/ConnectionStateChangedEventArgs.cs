
namespace Protocol;

/// <summary>One state transition of the runner.</summary>
public sealed class ConnectionStateChangedEventArgs : EventArgs
{
    internal ConnectionStateChangedEventArgs(ConnectionState previous, ConnectionState current, int attempt, TimeSpan delay, ConnectionEndpoint? endpoint, Exception? error)
    {
        Previous = previous;
        Current = current;
        Attempt = attempt;
        Delay = delay;
        Endpoint = endpoint;
        Error = error;
    }

    /// <summary>The state left.</summary>
    public ConnectionState Previous { get; }

    /// <summary>The state entered.</summary>
    public ConnectionState Current { get; }

    /// <summary>The reconnect attempt number (1-based) since the last stable session; 0 on the first connection.</summary>
    public int Attempt { get; }

    /// <summary>For <see cref="ConnectionState.Reconnecting"/>: how long the runner waits before the attempt.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The endpoint involved, when there is one.</summary>
    public ConnectionEndpoint? Endpoint { get; }

    /// <summary>The error that caused the transition (a drop, a rejection), when there is one.</summary>
    public Exception? Error { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Previous} -> {Current} (attempt {Attempt}, delay {Delay}, endpoint {Endpoint?.Name})";
}
