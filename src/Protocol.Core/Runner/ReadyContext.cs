
namespace Protocol;

/// <summary>What an on-Ready hook (<see cref="ReadyHook{TState}"/>) gets: one session, between login accepted and Ready.</summary>
/// <typeparam name="TState">The client's state type.</typeparam>
public sealed class ReadyContext<TState>
    where TState : class
{
    private readonly Func<OutgoingMessage, CancellationToken, ValueTask> _send;
    private volatile string? _failure;

    internal ReadyContext(TState state, ConnectionEndpoint endpoint, long sessionNumber, int attempt, TimeProvider timeProvider, Func<OutgoingMessage, CancellationToken, ValueTask> send)
    {
        State = state;
        Endpoint = endpoint;
        SessionNumber = sessionNumber;
        Attempt = attempt;
        TimeProvider = timeProvider;
        _send = send;
    }

    /// <summary>The client's state.</summary>
    public TState State { get; }

    /// <summary>The endpoint this session connected to.</summary>
    public ConnectionEndpoint Endpoint { get; }

    /// <summary>Which session of this client this is: 1 for the first whose login was accepted, then 2, 3, ….</summary>
    public long SessionNumber { get; }

    /// <summary>Whether an earlier session of this client got this far (re-subscribe what it had subscribed).</summary>
    public bool IsReconnect => SessionNumber > 1;

    /// <summary>The reconnect attempt that opened this session: 0 for a first connect, then 1-based.</summary>
    public int Attempt { get; }

    /// <summary>The client's clock.</summary>
    public TimeProvider TimeProvider { get; }

    internal string? FailureReason => _failure;

    /// <summary>Sends on this session's connection (through middleware, like any send); never on a later session.</summary>
    /// <param name="message">What to send (memory borrowed until the task completes).</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    /// <exception cref="ConnectionLostException">The session closed.</exception>
    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken) => _send(message, cancellationToken);

    /// <summary>Writes <paramref name="message"/>'s envelope into a pooled buffer and sends it on this session's connection.</summary>
    /// <typeparam name="TMessage">A protocol message type (generated for <c>[ProtocolMessage]</c> types).</typeparam>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    /// <exception cref="ConnectionLostException">The session closed.</exception>
    public ValueTask SendAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : IOutgoingMessage
        => EnvelopeSender.SendAsync(message, static (send, text, ct) => send(text, ct), _send, cancellationToken);

    /// <summary>
    /// Fails this session instead of letting it become Ready: once the hook returns, the remaining hooks are skipped, the
    /// connection is closed and the client reconnects with backoff (not a terminal error).
    /// </summary>
    /// <param name="reason">Why, as safe to log (never a session token).</param>
    public void FailSession(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _failure ??= reason;
    }
}
