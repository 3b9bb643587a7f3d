
namespace Protocol;

/// <summary>
/// Hooks into the connection lifecycle and the message paths. Every hook defaults to nothing; override the ones you
/// need. A hook that throws (or overruns <see cref="ClientOptions.CallbackTimeout"/>) is logged, counted and
/// skipped; the client carries on. Hooks run in registration order.
/// </summary>
/// <typeparam name="TState">The client's state type.</typeparam>
public abstract class ClientMiddleware<TState>
    where TState : class
{
    /// <summary>The name used in logs; the type name by default.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>Before each connection attempt to an endpoint.</summary>
    /// <param name="context">The client's state and clock.</param>
    /// <param name="endpoint">The endpoint about to be tried.</param>
    /// <param name="attempt">The reconnect attempt (0 for the first connection).</param>
    /// <param name="cancellationToken">Cancelled on timeout or shutdown.</param>
    public virtual ValueTask OnConnectionAttemptAsync(MiddlewareContext<TState> context, ConnectionEndpoint endpoint, int attempt, CancellationToken cancellationToken) => default;

    /// <summary>After an attempt on an endpoint failed (transport or login timeout).</summary>
    /// <param name="context">The client's state and clock.</param>
    /// <param name="endpoint">The endpoint that failed.</param>
    /// <param name="error">Why.</param>
    /// <param name="cancellationToken">Cancelled on timeout or shutdown.</param>
    public virtual ValueTask OnConnectionFailureAsync(MiddlewareContext<TState> context, ConnectionEndpoint endpoint, Exception error, CancellationToken cancellationToken) => default;

    /// <summary>After the transport opened (state Connected, before the login).</summary>
    /// <param name="context">The client's state and clock.</param>
    /// <param name="endpoint">The endpoint connected to.</param>
    /// <param name="cancellationToken">Cancelled on timeout or shutdown.</param>
    public virtual ValueTask OnConnectAsync(MiddlewareContext<TState> context, ConnectionEndpoint endpoint, CancellationToken cancellationToken) => default;

    /// <summary>After a session ended.</summary>
    /// <param name="context">The client's state and clock.</param>
    /// <param name="info">How it ended.</param>
    /// <param name="cancellationToken">Cancelled on timeout or shutdown.</param>
    public virtual ValueTask OnDisconnectAsync(MiddlewareContext<TState> context, DisconnectInfo info, CancellationToken cancellationToken) => default;

    /// <summary>Before each message is handed to the transport. Synchronous: it is on the send path.</summary>
    /// <param name="context">The client's state and clock.</param>
    /// <param name="message">The message (do not keep its memory).</param>
    public virtual void OnSend(MiddlewareContext<TState> context, in OutgoingMessage message)
    {
    }

    /// <summary>For each inbound message, before handlers and modules. Synchronous: it is on the receive path.</summary>
    /// <param name="context">The client's state and clock.</param>
    /// <param name="message">The message (valid only during the call).</param>
    public virtual void OnReceive(MiddlewareContext<TState> context, MessageView message)
    {
    }
}
