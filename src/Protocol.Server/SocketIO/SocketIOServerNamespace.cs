using System.Collections.Concurrent;

namespace Protocol.Server.SocketIO;

/// <summary>
/// A namespace clients may join (socket.io's <c>io.of(name)</c>): who may join (<c>Authorize</c>), what happens when
/// one does (<c>OnConnection</c>), and the sockets on it now.
/// </summary>
public sealed class SocketIOServerNamespace
{
    private readonly ConcurrentDictionary<string, SocketIOServerSocket> _sockets = new(StringComparer.Ordinal);
    private Func<SocketIOConnectRequest, ValueTask<SocketIOConnectDecision>> _authorize = static _ => ValueTask.FromResult(SocketIOConnectDecision.Accept);
    private Func<SocketIOServerSocket, ValueTask> _onConnection = static _ => ValueTask.CompletedTask;

    internal SocketIOServerNamespace(string name) => Name = name;

    /// <summary>The namespace (<c>/</c> for the main one).</summary>
    public string Name { get; }

    /// <summary>The sockets on it now.</summary>
    public IReadOnlyCollection<SocketIOServerSocket> Sockets => (IReadOnlyCollection<SocketIOServerSocket>)_sockets.Values;

    /// <summary>
    /// Decides who may join (socket.io's namespace middleware). Everyone may by default. A refusal reaches the client as
    /// CONNECT_ERROR with the message; an authorizer that throws refuses with a generic message (the exception is logged,
    /// never sent).
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
    /// Runs when a client joined, after its CONNECT went out and before any of its events is handled: register the socket's
    /// handlers here.
    /// </summary>
    /// <param name="onConnection">Sets the socket up.</param>
    /// <returns>This namespace.</returns>
    public SocketIOServerNamespace OnConnection(Action<SocketIOServerSocket> onConnection)
    {
        ArgumentNullException.ThrowIfNull(onConnection);
        _onConnection = socket =>
        {
            onConnection(socket);
            return ValueTask.CompletedTask;
        };
        return this;
    }

    /// <summary>Runs when a client joined (asynchronous form; the client's events wait for it).</summary>
    /// <param name="onConnection">Sets the socket up.</param>
    /// <returns>This namespace.</returns>
    public SocketIOServerNamespace OnConnection(Func<SocketIOServerSocket, ValueTask> onConnection)
    {
        _onConnection = onConnection ?? throw new ArgumentNullException(nameof(onConnection));
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

    internal ValueTask ConnectedAsync(SocketIOServerSocket socket) => _onConnection(socket);

    internal void Add(SocketIOServerSocket socket) => _sockets[socket.Id] = socket;

    internal void Remove(SocketIOServerSocket socket) => _sockets.TryRemove(socket.Id, out _);
}
