using System.Collections.Concurrent;

namespace Protocol.Server.SocketIO;

/// <summary>
/// A namespace clients may join (socket.io's <c>io.of(name)</c>): who may join (<c>Authorize</c>), what happens when
/// one does (<c>OnConnection</c>, any number of handlers, as socket.io's <c>io.on("connection")</c>), and the sockets on it now.
/// </summary>
public sealed class SocketIOServerNamespace
{
    private readonly ConcurrentDictionary<string, SocketIOServerSocket> _sockets = new(StringComparer.Ordinal);
    private Func<SocketIOConnectRequest, ValueTask<SocketIOConnectDecision>> _authorize = static _ => ValueTask.FromResult(SocketIOConnectDecision.Accept);
    private readonly Lock _handlersGate = new();

    // Copied on write: a connection runs the handlers registered when it joined, even if one is added meanwhile.
    private Func<SocketIOServerSocket, ValueTask>[] _onConnection = [];

    internal SocketIOServerNamespace(string name) => Name = name;

    /// <summary>The namespace (<c>/</c> for the main one).</summary>
    public string Name { get; }

    /// <summary>The sockets on it now.</summary>
    public IReadOnlyCollection<SocketIOServerSocket> Sockets => (IReadOnlyCollection<SocketIOServerSocket>)_sockets.Values;

    /// <summary>
    /// Decides who may join (socket.io's namespace middleware). Everyone may by default. A refusal reaches the client as
    /// CONNECT_ERROR with the message; an authorizer that throws refuses with a generic message (the exception is logged,
    /// never sent). One that waits passes on <see cref="SocketIOConnectRequest.CancellationToken"/>, cancelled when the client's
    /// session ends: a session that ended waits for it at most <see cref="SocketIOServerOptions.HandlerDrainTimeout"/>.
    /// </summary>
    /// <param name="authorize">Reads the request's auth object and decides.</param>
    /// <returns>This namespace.</returns>
    public SocketIOServerNamespace Authorize(Func<SocketIOConnectRequest, ValueTask<SocketIOConnectDecision>> authorize)
    {
        _authorize = authorize ?? throw new ArgumentNullException(nameof(authorize));
        return this;
    }

    /// <summary>Decides who may join, synchronously.</summary>
    /// <param name="authorize">Reads the request's auth object and decides.</param>
    /// <returns>This namespace.</returns>
    public SocketIOServerNamespace Authorize(Func<SocketIOConnectRequest, SocketIOConnectDecision> authorize)
    {
        ArgumentNullException.ThrowIfNull(authorize);
        return Authorize(request => ValueTask.FromResult(authorize(request)));
    }

    /// <summary>
    /// Adds a handler that runs when a client joined, after its CONNECT went out and before any of its events is handled:
    /// register the socket's handlers here. Each call adds one, as socket.io's <c>io.on("connection", …)</c> does (nothing
    /// is replaced): they run one after the other in the order they were added, and one that throws is logged without
    /// stopping the next ones. A handler added while a client is joining applies from the next client on.
    /// <code>
    /// server.Of("/").OnConnection(socket => socket.On("ping", e => e.AckAsync("\"pong\"")))
    ///               .OnConnection(socket => audit.Joined(socket.Id));
    /// </code>
    /// </summary>
    /// <param name="onConnection">Sets the socket up.</param>
    /// <returns>This namespace.</returns>
    public SocketIOServerNamespace OnConnection(Action<SocketIOServerSocket> onConnection)
    {
        ArgumentNullException.ThrowIfNull(onConnection);
        return OnConnection(socket =>
        {
            onConnection(socket);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// Adds a handler that runs when a client joined (asynchronous form): the next handler, and the client's events, wait
    /// for it. Handlers add up and run in the order they were added (see <see cref="OnConnection(Action{SocketIOServerSocket})"/>).
    /// One that waits passes on <see cref="SocketIOServerSocket.DisconnectedToken"/>: a session that ended waits for it
    /// at most <see cref="SocketIOServerOptions.HandlerDrainTimeout"/>.
    /// </summary>
    /// <param name="onConnection">Sets the socket up.</param>
    /// <returns>This namespace.</returns>
    public SocketIOServerNamespace OnConnection(Func<SocketIOServerSocket, ValueTask> onConnection)
    {
        ArgumentNullException.ThrowIfNull(onConnection);
        lock (_handlersGate)
        {
            _onConnection = [.. _onConnection, onConnection];
        }

        return this;
    }

    /// <summary>Emits an event to every socket on the namespace (a socket that leaves meanwhile is skipped).</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="argumentsJson">The arguments as comma-separated JSON values, or empty for none.</param>
    /// <param name="cancellationToken">Stops waiting for room in the send queues.</param>
    /// <returns>A task that completes when the event is on every wire.</returns>
    public async Task BroadcastAsync(string eventName, string argumentsJson = "", CancellationToken cancellationToken = default)
    {
        foreach (var socket in _sockets.Values)
        {
            try
            {
                await socket.EmitAsync(eventName, argumentsJson, null, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketIOSocketDisconnectedException)
            {
                // It left while the broadcast ran: nobody to send to.
            }
        }
    }

    internal ValueTask<SocketIOConnectDecision> AuthorizeAsync(SocketIOConnectRequest request) => _authorize(request);

    // The connection handlers as they are now, in the order they were added.
    internal IReadOnlyList<Func<SocketIOServerSocket, ValueTask>> ConnectionHandlers => Volatile.Read(ref _onConnection);

    internal void Add(SocketIOServerSocket socket) => _sockets[socket.Id] = socket;

    internal void Remove(SocketIOServerSocket socket) => _sockets.TryRemove(socket.Id, out _);
}
