using System.Collections.Concurrent;
using System.Text.Json;
using Protocol.Server.Sessions;

namespace Protocol.Server.SocketIO;

/// <summary>
/// One client on one namespace (socket.io's server-side <c>Socket</c>): its event handlers, its emits and acks, and its
/// server-side disconnect. Handlers of one session run one at a time, in the order the client sent the events.
/// </summary>
public sealed class SocketIOServerSocket
{
    private readonly SocketIOServerSession _session;
    private readonly ConcurrentDictionary<string, Func<SocketIOServerEvent, ValueTask>> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<SocketIOServerAck>> _pendingAcks = new();
    private Func<SocketIOServerEvent, ValueTask>? _unhandled;

    // Cancelled when the socket leaves (see EndSignal: callbacks off the thread that ended it, failures logged).
    private readonly EndSignal _leaving;
    private int _connected = 1;
    private SocketIOServerDisconnectReason _reason;

    // The connection handlers run after the CONNECT answer is on the wire, so the session can end (a ping timeout, the
    // client leaving) before they have run. Until they have, a leave takes effect at once (IsConnected, acks, emits) but
    // its Disconnected event waits for them: a handler that subscribes to it always hears it, as with socket.io, whose
    // "connection" handlers run before anything else can happen to the socket.
    private readonly HeldAnnouncement _leave;

    internal SocketIOServerSocket(SocketIOServerSession session, string @namespace, string id, JsonElement? auth)
    {
        _session = session;
        Namespace = @namespace;
        Id = id;
        Auth = auth;
        _leaving = new EndSignal(error => session.ReportHandlerFailure(error, "disconnected"));
        _leave = new HeldAnnouncement(AnnounceLeave);
    }

    /// <summary>The socket's id (sent to the client in its CONNECT).</summary>
    public string Id { get; }

    /// <summary>The namespace (<c>/</c> for the main one).</summary>
    public string Namespace { get; }

    /// <summary>The Engine.IO session's id.</summary>
    public string SessionId => _session.Id;

    /// <summary>The auth object the client joined with, or null. It may hold secrets: never log it.</summary>
    public JsonElement? Auth { get; }

    /// <summary>Whether the socket is still on its namespace.</summary>
    public bool IsConnected => Volatile.Read(ref _connected) == 1;

    /// <summary>A place for the application's per-client state (a simulator's account, balance…).</summary>
    public ConcurrentDictionary<string, object?> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Raised once when the socket leaves its namespace, with the reason; pending acks have failed by then. A leave during
    /// the namespace's connection handlers is announced once they have returned (so a handler that subscribes always hears
    /// it), or once the session abandons them after <see cref="SocketIOServerOptions.HandlerDrainTimeout"/>.
    /// </summary>
    public event Action<SocketIOServerSocket, SocketIOServerDisconnectReason>? Disconnected;

    /// <summary>
    /// Cancelled when the socket leaves its namespace, for any reason: the client left or closed, the server disconnected or
    /// aborted it, the session ended. A handler that waits (a delay, a feed, another client) passes it on so that it stops
    /// with its client; a session that has ended waits <see cref="SocketIOServerOptions.HandlerDrainTimeout"/> for its
    /// running handler, then abandons it. It reads as cancelled as soon as <see cref="IsConnected"/> is false (before
    /// <see cref="Disconnected"/> is raised); its callbacks run on the thread pool, never on the session's own loops, and one
    /// that throws is logged. An <see cref="OperationCanceledException"/> a handler throws once it is cancelled is not logged
    /// as a failure.
    /// </summary>
    public CancellationToken DisconnectedToken => _leaving.Token;

    /// <summary>Handles an event (a later call for the same name replaces the handler).</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="handler">
    /// Runs on the session's handler task; the next event of this session waits for it. One that waits passes on
    /// <see cref="SocketIOServerEvent.CancellationToken"/>: a session that ended waits for it at most
    /// <see cref="SocketIOServerOptions.HandlerDrainTimeout"/>.
    /// </param>
    public void On(string eventName, Func<SocketIOServerEvent, ValueTask> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[eventName] = handler;
    }

    /// <summary>Handles an event synchronously.</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="handler">Runs on the session's handler task.</param>
    public void On(string eventName, Action<SocketIOServerEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        On(eventName, e =>
        {
            handler(e);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Handles every event no <see cref="On(string, Func{SocketIOServerEvent, ValueTask})"/> handler claims.</summary>
    /// <param name="handler">Runs on the session's handler task.</param>
    public void OnUnhandled(Func<SocketIOServerEvent, ValueTask> handler) => _unhandled = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <summary>Emits an event to this client (EVENT, or BINARY_EVENT followed by its attachments as one unit).</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="argumentsJson">The arguments as comma-separated JSON values (<c>1,"a",{}</c>), or empty for none.</param>
    /// <param name="attachments">Binary values the arguments refer to with <see cref="SocketIOBinary.Placeholder"/>, in order.</param>
    /// <param name="cancellationToken">Stops waiting for room in the send queue.</param>
    /// <returns>A task that completes when the event is on the wire.</returns>
    /// <exception cref="SocketIOSocketDisconnectedException">The socket left its namespace; nothing was sent.</exception>
    public ValueTask EmitAsync(string eventName, string argumentsJson = "", IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        ThrowIfDisconnected($"Emitting '{eventName}'");
        return _session.SendEventAsync(Namespace, eventName, null, argumentsJson ?? "", attachments, cancellationToken);
    }

    /// <summary>Emits an event with an ack callback and waits for the client's answer.</summary>
    /// <param name="eventName">The event name.</param>
    /// <param name="argumentsJson">The arguments as comma-separated JSON values, or empty for none.</param>
    /// <param name="timeout">How long to wait for the answer, on the server's clock.</param>
    /// <param name="attachments">Binary values the arguments refer to, in order.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The client's answer.</returns>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="SocketIOSocketDisconnectedException">The socket left its namespace before the answer came.</exception>
    public async Task<SocketIOServerAck> EmitWithAckAsync(string eventName, string argumentsJson, TimeSpan timeout, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ThrowIfDisconnected($"Emitting '{eventName}'");
        var id = _session.NextAckId();
        var pending = new TaskCompletionSource<SocketIOServerAck>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Registered before the send, so an answer that comes at once finds it.
        _pendingAcks[id] = pending;
        try
        {
            if (!IsConnected)
            {
                ThrowIfDisconnected($"Emitting '{eventName}'");
            }

            await _session.SendEventAsync(Namespace, eventName, id, argumentsJson ?? "", attachments, cancellationToken).ConfigureAwait(false);
            try
            {
                return await pending.Task.WaitAsync(timeout, _session.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The client did not answer '{eventName}' (ack {id}) on {Namespace} within {timeout}.");
            }
        }
        finally
        {
            _pendingAcks.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Disconnects the client from this namespace (it gets DISCONNECT, as from socket.io's <c>socket.disconnect()</c>); with
    /// <paramref name="closeSession"/>, closes its whole Engine.IO session too (<c>socket.disconnect(true)</c>).
    /// </summary>
    /// <param name="closeSession">Close the session and every namespace on it.</param>
    /// <returns>A task that completes when the DISCONNECT is on the wire (or the session is closed).</returns>
    public async ValueTask DisconnectAsync(bool closeSession = false)
    {
        if (!IsConnected)
        {
            return;
        }

        await _session.DisconnectSocketAsync(this, closeSession).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops the client's whole connection at once: no DISCONNECT, no WebSocket close frame, as a network failure or a
    /// crashed server looks from the client. Every socket of the session leaves with
    /// <see cref="SocketIOServerDisconnectReason.ServerAbort"/>. For tests of clients' reconnection. Safe at any point of the
    /// session's life and from any thread: on a session already over it does nothing, and a session already ending (a
    /// close waiting for the client's answer) is dropped at once, its sockets keeping the reason they left with.
    /// </summary>
    public void AbortSession() => _session.Abort();

    /// <summary>
    /// Makes the client's session half-open, as a connection whose far end vanished without a word: from now on the
    /// server sends nothing on it (its pings, pongs, emits and acks are dropped as if lost on the way), acts on nothing the
    /// client sends and no longer times the client out; when the client closes or the connection breaks, the server
    /// aborts without answering. A client learns of it only from its own watchdog (no ping within pingInterval +
    /// pingTimeout). Frames queued before the call may still go out. For tests of clients' heartbeat watchdogs.
    /// </summary>
    public void StallSession() => _session.Stall();

    /// <summary>Whether <see cref="StallSession"/> made the session half-open.</summary>
    public bool IsSessionStalled => _session.IsStalled;

    /// <inheritdoc />
    public override string ToString() => $"socket {Id} on {Namespace} (session {SessionId}){(IsConnected ? "" : ", disconnected")}";

    internal ValueTask SendAckAsync(long ackId, string argumentsJson, IReadOnlyList<ReadOnlyMemory<byte>>? attachments, CancellationToken cancellationToken)
    {
        ThrowIfDisconnected($"Answering ack {ackId}");
        return _session.SendAckAsync(Namespace, ackId, argumentsJson ?? "", attachments, cancellationToken);
    }

    internal Func<SocketIOServerEvent, ValueTask>? FindHandler(string eventName)
        => _handlers.TryGetValue(eventName, out var handler) ? handler : _unhandled;

    internal void CompleteAck(long id, SocketIOServerAck ack)
    {
        if (_pendingAcks.TryRemove(id, out var pending))
        {
            pending.TrySetResult(ack);
        }
    }

    // Marks the socket gone (once), fails its pending acks, then tells the application.
    internal bool MarkDisconnected(SocketIOServerDisconnectReason reason)
    {
        if (Interlocked.Exchange(ref _connected, 0) == 0)
        {
            return false;
        }

        _reason = reason;
        foreach (var id in _pendingAcks.Keys)
        {
            if (_pendingAcks.TryRemove(id, out var pending))
            {
                pending.TrySetException(new SocketIOSocketDisconnectedException($"Socket {Id} left {Namespace} ({reason}) before it answered ack {id}.", reason));
            }
        }

        _leaving.Signal();
        _leave.Announce();
        return true;
    }

    // The namespace's connection handlers have all run (or will not run: the session ended first, or the drain abandoned
    // them); a leave that waited for them is announced now. Once: an abandoned handler may still return later.
    internal void ConnectionHandlersDone() => _leave.Release();

    private void AnnounceLeave()
    {
        try
        {
            Disconnected?.Invoke(this, _reason);
        }
        catch (Exception error)
        {
            _session.ReportHandlerFailure(error, "disconnected");
        }
    }

    private void ThrowIfDisconnected(string operation)
    {
        if (!IsConnected)
        {
            throw new SocketIOSocketDisconnectedException($"{operation} failed: socket {Id} left {Namespace} ({_reason}); nothing was sent.", _reason);
        }
    }
}
