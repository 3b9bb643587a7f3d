using Protocol.Connections;

namespace Protocol.Runner;

/// <summary>What a reconnect callback gets.</summary>
/// <typeparam name="TState">The client's state type.</typeparam>
public sealed class ReconnectContext<TState>
    where TState : class
{
    private readonly IClientRuntime _runtime;

    internal ReconnectContext(TState state, int attempt, ConnectionEndpoint endpoint, IClientRuntime runtime)
    {
        State = state;
        Attempt = attempt;
        Endpoint = endpoint;
        _runtime = runtime;
    }

    /// <summary>The client's state.</summary>
    public TState State { get; }

    /// <summary>The reconnect attempt that succeeded (1-based).</summary>
    public int Attempt { get; }

    /// <summary>The endpoint now connected.</summary>
    public ConnectionEndpoint Endpoint { get; }

    /// <summary>Sends on the new connection.</summary>
    /// <param name="message">What to send.</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken) => _runtime.SendAsync(message, null, cancellationToken);
}
