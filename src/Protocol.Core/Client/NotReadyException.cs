namespace Protocol;

/// <summary>A command was issued while the client was not <see cref="ConnectionState.Ready"/>. Await <c>WaitUntilReadyAsync</c> first.</summary>
public sealed class NotReadyException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="state">The state the client was in.</param>
    /// <param name="operation">What was attempted.</param>
    public NotReadyException(ConnectionState state, string operation)
        : base($"Cannot run '{operation}' while the client is {state}; await WaitUntilReadyAsync() first. Nothing was sent.")
        => State = state;

    /// <summary>The state the client was in.</summary>
    public ConnectionState State { get; }
}
