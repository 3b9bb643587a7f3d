
namespace Protocol;

/// <summary>What a login hook may use during one session's login.</summary>
/// <typeparam name="TState">The client's state type.</typeparam>
public sealed class LoginContext<TState>
    where TState : class
{
    private readonly Func<OutgoingMessage, CancellationToken, ValueTask> _send;

    internal LoginContext(TState state, ConnectionEndpoint endpoint, TimeProvider timeProvider, Func<OutgoingMessage, CancellationToken, ValueTask> send)
    {
        State = state;
        Endpoint = endpoint;
        TimeProvider = timeProvider;
        _send = send;
    }

    /// <summary>The client's state.</summary>
    public TState State { get; }

    /// <summary>The endpoint this session connected to.</summary>
    public ConnectionEndpoint Endpoint { get; }

    /// <summary>The client's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Sends on this session's connection (through middleware, like any send).</summary>
    /// <param name="message">What to send.</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken) => _send(message, cancellationToken);

    /// <summary>Writes <paramref name="message"/>'s envelope into a pooled buffer and sends it on this session's connection.</summary>
    /// <typeparam name="TMessage">A protocol message type (generated for <c>[ProtocolMessage]</c> types), e.g. the platform's auth message.</typeparam>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    /// <exception cref="ConnectionLostException">The session closed.</exception>
    public ValueTask SendAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : IOutgoingMessage
        => EnvelopeSender.SendAsync(message, static (send, text, ct) => send(text, ct), _send, cancellationToken);
}
