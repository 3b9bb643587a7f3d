
namespace Protocol;

/// <summary>
/// A connected platform client: owns the connection lifecycle (connect, login, reconnect with backoff, fall-over
/// across endpoints), the router and the modules. Build one with <see cref="ClientBuilder{TState}"/>.
/// </summary>
/// <typeparam name="TState">The platform's shared state type.</typeparam>
public sealed class Client<TState> : IAsyncDisposable
    where TState : class
{
    private readonly ClientRunner<TState> _runner;
    private readonly IReadOnlyDictionary<Type, object> _apis;

    internal Client(TState state, ClientRunner<TState> runner, IReadOnlyDictionary<Type, object> apis)
    {
        State = state;
        _runner = runner;
        _apis = apis;
    }

    /// <summary>
    /// Raised on every state transition, synchronously on the runner (keep handlers short; a throwing handler is
    /// logged and ignored).
    /// </summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged
    {
        add => _runner.StateChanged += value;
        remove => _runner.StateChanged -= value;
    }

    /// <summary>The platform's shared state.</summary>
    public TState State { get; }

    /// <summary>The connection state now.</summary>
    public ConnectionState ConnectionState => _runner.ConnectionState;

    /// <summary>Why the client closed (a <see cref="LoginRejectedException"/> or <see cref="ReconnectLimitExceededException"/>), or null.</summary>
    public Exception? TerminalError => _runner.TerminalError;

    /// <summary>A health snapshot of every registered module.</summary>
    public IReadOnlyList<ModuleInfo> Modules => [.. _runner.Supervisors.Select(s => s.Snapshot())];

    /// <summary>
    /// The endpoints in the order the client tries them, with the handshake latency its last probe measured (see
    /// <see cref="EndpointOrderOptions"/>): the declared order until a probe ran, a preferred endpoint first when one is set.
    /// After a drop the endpoint that worked last is tried first, then the others in this order.
    /// </summary>
    public IReadOnlyList<EndpointLatency> EndpointOrder => _runner.EndpointOrder;

    /// <summary>The client's clock.</summary>
    public TimeProvider TimeProvider => _runner.TimeProvider;

    internal ClientRunner<TState> Runner => _runner;

    /// <summary>
    /// Starts the modules and the connection loop and returns at once; the runner then connects, logs in and keeps
    /// reconnecting. Await <see cref="WaitUntilReadyAsync"/> to know when commands work. Calling it again while
    /// running does nothing.
    /// </summary>
    /// <param name="cancellationToken">Checked before starting.</param>
    /// <exception cref="ClientClosedException">The client is closed.</exception>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => _runner.ConnectAsync(cancellationToken);

    /// <summary>Waits until the platform has accepted the login (state <see cref="ConnectionState.Ready"/>).</summary>
    /// <param name="timeout">How long to wait; the connect plus login timeouts when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <exception cref="LoginRejectedException">The platform rejected the login (terminal).</exception>
    /// <exception cref="ReconnectLimitExceededException">The attempt limit was reached (terminal).</exception>
    /// <exception cref="ClientClosedException">The client was disposed.</exception>
    /// <exception cref="TimeoutException">Not Ready in time.</exception>
    public Task WaitUntilReadyAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => _runner.WaitUntilReadyAsync(timeout, cancellationToken);

    /// <summary>Gets the API of a registered API module.</summary>
    /// <typeparam name="TApi">The API type.</typeparam>
    /// <exception cref="ModuleNotFoundException">No registered module provides it.</exception>
    public TApi GetApi<TApi>()
        where TApi : class
        => TryGetApi<TApi>(out var api) ? api : throw new ModuleNotFoundException(typeof(TApi).Name);

    /// <summary>Gets the API of a registered API module, if there is one.</summary>
    /// <typeparam name="TApi">The API type.</typeparam>
    /// <param name="api">The API.</param>
    public bool TryGetApi<TApi>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TApi? api)
        where TApi : class
    {
        api = _apis.TryGetValue(typeof(TApi), out var value) ? (TApi)value : null;
        return api is not null;
    }

    /// <summary>Sends a raw message on the current connection (through middleware). Not tracked as a command.</summary>
    /// <param name="message">What to send (memory borrowed until the task completes).</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    /// <exception cref="ConnectionLostException">Not connected.</exception>
    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        => _runner.SendAsync(message, null, cancellationToken);

    /// <summary>
    /// Sends a protocol message (a generated <c>[ProtocolMessage]</c> type) on the current connection, its whole envelope written into a
    /// pooled buffer. Not tracked as a command: prefer a module's API for requests that expect an answer.
    /// </summary>
    /// <typeparam name="TMessage">The message type.</typeparam>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    /// <exception cref="ConnectionLostException">Not connected.</exception>
    public ValueTask SendAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : IOutgoingMessage
        => EnvelopeSender.SendAsync(_runner, message, null, cancellationToken);

    /// <summary>
    /// Stops the connection loop and closes the connection (state <see cref="ConnectionState.Disconnected"/>);
    /// commands in flight fail with <see cref="ConnectionLostException"/>. Modules keep running; <see cref="ConnectAsync"/> starts again.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the loop to finish.</param>
    public Task DisconnectAsync(CancellationToken cancellationToken = default) => _runner.DisconnectAsync(cancellationToken);

    /// <summary>Disconnects, stops every module, ends every subscription and closes the client for good. Every background task has finished when this returns.</summary>
    public ValueTask DisposeAsync() => _runner.DisposeAsync();
}
