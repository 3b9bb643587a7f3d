using System.Collections.Concurrent;
using System.Net.WebSockets;
using Protocol.Server.Sessions;

namespace Protocol.Server.JsonActions;

/// <summary>
/// A server for the JSON-action envelope (one JSON object per WebSocket message, named by its <c>"action"</c> property; the
/// envelope of ExpertOption): handlers per action, replies and pushes in text or binary frames, an idle timeout as the
/// liveness check and an optional application ping. It receives with the same <c>WebSocketMessageReader</c> loop as the
/// clients and writes through the same one-writer send queue.
/// </summary>
/// <remarks>
/// Map it with <c>app.MapJsonActions("/ws", server)</c> after <c>app.UseWebSockets()</c>, or hand it accepted sockets with
/// <see cref="RunSessionAsync"/>. Handlers of one session run one at a time, in the order its actions arrived.
/// </remarks>
public sealed class JsonActionServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<JsonActionRequest, ValueTask>> _handlers = new(StringComparer.Ordinal);
    private readonly SessionRegistry<JsonActionSession> _sessions = new();
    private Func<JsonActionRequest, ValueTask>? _unhandled;
    private Func<JsonActionSession, ValueTask> _onConnection = static _ => ValueTask.CompletedTask;

    /// <summary>Creates a server.</summary>
    /// <param name="options">The settings; defaults when null.</param>
    public JsonActionServer(JsonActionServerOptions? options = null)
    {
        Options = options ?? new JsonActionServerOptions();
        Options.Validate();
    }

    /// <summary>The settings.</summary>
    public JsonActionServerOptions Options { get; }

    /// <summary>The open sessions.</summary>
    public IReadOnlyCollection<JsonActionSession> Sessions => (IReadOnlyCollection<JsonActionSession>)_sessions.Sessions;

    /// <summary>Handles an action (a later call for the same name replaces the handler).</summary>
    /// <param name="action">The action's name.</param>
    /// <param name="handler">
    /// Runs on the session's handler task; the session's next action waits for it. One that waits passes on
    /// <see cref="JsonActionRequest.CancellationToken"/>: a session that ended waits for it at most
    /// <see cref="JsonActionServerOptions.HandlerDrainTimeout"/>.
    /// </param>
    /// <returns>This server.</returns>
    public JsonActionServer On(string action, Func<JsonActionRequest, ValueTask> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        _handlers[action] = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>Handles every action no <see cref="On"/> handler claims (a simulator's "unknown action" answer).</summary>
    /// <param name="handler">Runs on the session's handler task (see <see cref="On"/> for its token).</param>
    /// <returns>This server.</returns>
    public JsonActionServer OnUnhandled(Func<JsonActionRequest, ValueTask> handler)
    {
        _unhandled = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>
    /// Runs when a session opens, on its handler task before any of its actions is handled (and before the application
    /// ping starts); the session reads meanwhile, so a client that leaves while it runs ends the session. One that waits
    /// passes on <see cref="JsonActionSession.DisconnectedToken"/>: a session that ended waits for it at most
    /// <see cref="JsonActionServerOptions.HandlerDrainTimeout"/>.
    /// </summary>
    /// <param name="onConnection">Sets the session up (its <see cref="JsonActionSession.Items"/>, a greeting…).</param>
    /// <returns>This server.</returns>
    public JsonActionServer OnConnection(Func<JsonActionSession, ValueTask> onConnection)
    {
        _onConnection = onConnection ?? throw new ArgumentNullException(nameof(onConnection));
        return this;
    }

    /// <summary>Runs one session on an accepted WebSocket until it ends. Never throws for what the client does.</summary>
    /// <param name="socket">An open WebSocket (the server side of the upgrade).</param>
    /// <param name="cancellationToken">Ends the session (e.g. the request's <c>RequestAborted</c>).</param>
    /// <returns>A task that completes when the session is over.</returns>
    public Task RunSessionAsync(WebSocket socket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return _sessions.RunAsync(this, lifetime => new JsonActionSession(this, socket, lifetime), static s => s.Id, static s => s.RunAsync(), cancellationToken);
    }

    /// <summary>Closes every session.</summary>
    /// <returns>A task that completes when every session is over.</returns>
    public ValueTask DisposeAsync() => _sessions.ShutdownAsync(static s => s.Completion);

    internal bool IsShuttingDown => _sessions.IsShuttingDown;

    internal Func<JsonActionRequest, ValueTask>? FindHandler(string action) => _handlers.TryGetValue(action, out var handler) ? handler : _unhandled;

    internal ValueTask ConnectedAsync(JsonActionSession session) => _onConnection(session);
}
