using System.Collections.Concurrent;
using System.Net.WebSockets;
using Protocol.Server.Sessions;

namespace Protocol.Server.SocketIO;

/// <summary>
/// An Engine.IO v4 / Socket.IO v5 server over WebSockets (socket.io's <c>Server</c>, WebSocket transport only): the
/// handshake (<c>sid</c>, <c>pingInterval</c>, <c>pingTimeout</c>, <c>maxPayload</c>), server pings with the pong timeout,
/// namespaces with an authorizer, events and acks both ways, binary both ways (two-step), and server-side disconnects.
/// It decodes and encodes with Protocol.SocketIO's codec, receives with the same <c>WebSocketMessageReader</c> loop as the
/// client and writes through the same one-writer send queue.
/// </summary>
/// <remarks>
/// Map it on ASP.NET Core with <c>app.MapSocketIO("/socket.io/", server)</c> (after <c>app.UseWebSockets()</c>), or hand it
/// accepted sockets with <see cref="RunSessionAsync"/>. Clients must use the WebSocket transport from the start
/// (<c>io(url, { transports: ["websocket"] })</c>); HTTP long-polling is not served.
/// </remarks>
public sealed class SocketIOServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SocketIOServerNamespace> _namespaces = new(StringComparer.Ordinal);
    private readonly SessionRegistry<SocketIOServerSession> _sessions = new();

    /// <summary>Creates a server; the main namespace <c>/</c> exists and accepts everyone until configured.</summary>
    /// <param name="options">The settings; defaults when null.</param>
    public SocketIOServer(SocketIOServerOptions? options = null)
    {
        Options = options ?? new SocketIOServerOptions();
        Options.Validate();
        Of("/");
    }

    /// <summary>The settings.</summary>
    public SocketIOServerOptions Options { get; }

    /// <summary>How many Engine.IO sessions are open.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>The namespace <paramref name="name"/>, created on first use (socket.io's <c>io.of(name)</c>).</summary>
    /// <param name="name">Starts with <c>/</c>.</param>
    /// <returns>The namespace.</returns>
    public SocketIOServerNamespace Of(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name[0] != '/' || name.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A namespace starts with '/' and has no ',' (got '{name}').", nameof(name));
        }

        return _namespaces.GetOrAdd(name, static n => new SocketIOServerNamespace(n));
    }

    /// <summary>
    /// Runs one Engine.IO session on an accepted WebSocket until the client leaves, the session fails, the token fires or
    /// the server is disposed. Never throws for what the client does: a protocol error closes the session.
    /// </summary>
    /// <param name="socket">An open WebSocket (the server side of the upgrade).</param>
    /// <param name="cancellationToken">Ends the session (e.g. the request's <c>RequestAborted</c>).</param>
    /// <returns>A task that completes when the session is over and its socket closed.</returns>
    public Task RunSessionAsync(WebSocket socket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return _sessions.RunAsync(this, lifetime => new SocketIOServerSession(this, socket, lifetime), static s => s.Id, static s => s.RunAsync(), cancellationToken);
    }

    /// <summary>Closes every session (their sockets get <see cref="SocketIOServerDisconnectReason.ServerShutdown"/>).</summary>
    /// <returns>A task that completes when every session is over.</returns>
    public ValueTask DisposeAsync() => _sessions.ShutdownAsync(static s => s.Completion);

    internal bool TryGetNamespace(string name, out SocketIOServerNamespace ns) => _namespaces.TryGetValue(name, out ns!);

    internal bool IsShuttingDown => _sessions.IsShuttingDown;
}
