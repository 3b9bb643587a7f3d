using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Protocol.SocketIO;
using Protocol.Server.Sessions;

namespace Protocol.Server.SocketIO;

/// <summary>The settings of a <see cref="SocketIOServer"/>. Defaults follow the reference server (<c>socket.io</c> 4.x).</summary>
public sealed class SocketIOServerOptions
{
    /// <summary>How often the server pings each session (the handshake's <c>pingInterval</c>); 25 s by default.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long the server waits for the pong before it closes the session (<c>pingTimeout</c>); 20 s by default.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The largest WebSocket frame the server accepts and announces (<c>maxPayload</c>); 1,000,000 bytes by default. A bigger
    /// frame closes the session with a protocol error.
    /// </summary>
    public int MaxPayload { get; set; } = 1_000_000;

    /// <summary>The most attachments one binary packet may announce; 10 by default.</summary>
    public int MaxAttachments { get; set; } = 10;

    /// <summary>How long a new session may stay without a connected namespace before it is closed; 45 s by default.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How many frames a session may have queued for sending; 1,024 by default.</summary>
    public int SendQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// How long a send waits for room in a full queue before it fails with nothing sent; 10 s by default. A handler's send
    /// fails in the handler; the session's own answer to a join that waits it out ends the session
    /// (<see cref="SocketIOServerDisconnectReason.SendQueueFull"/>), since the client would never learn whether it joined.
    /// </summary>
    public TimeSpan SendQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many received packets may wait for the session's handlers; 1,024 by default. When it is full, the session stops
    /// reading (the client's sends back up) until a handler finishes: a slow handler slows its own session only.
    /// </summary>
    public int HandlerQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// How long a session that has ended waits for its running handler (an event or connection handler) to return before
    /// it abandons it and closes anyway; 5 s by default. Handlers learn of the end from
    /// <see cref="SocketIOServerSocket.DisconnectedToken"/> (or <see cref="SocketIOServerEvent.CancellationToken"/>); one
    /// that ignores it no longer holds the WebSocket, the request and the server's shutdown: it is logged as abandoned and
    /// left to finish on its own, its later failures still logged. An abandoned connection handler counts as done: the
    /// socket's <see cref="SocketIOServerSocket.Disconnected"/>, which waits for its connection handlers, is raised then.
    /// </summary>
    public TimeSpan HandlerDrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The server's clock: ack timeouts, and the connection's own timers unless <see cref="ConnectionTimeProvider"/> gives
    /// them another one.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The clock the client lives on, for what the handshake promises it: pings every <see cref="PingInterval"/>, the pong
    /// timeout, the connect timeout, the send-queue timeout, the wait for a close's answer and the wait for an ended session's
    /// handlers (<see cref="HandlerDrainTimeout"/>). Null (the default) uses
    /// <see cref="TimeProvider"/>. Set it when the server's <see cref="TimeProvider"/> runs faster than the client's (a
    /// simulator on an accelerated clock serving a real-time client): the advertised <c>pingInterval</c> and
    /// <c>pingTimeout</c> are then kept in the client's time, so it finds a dead server as fast as it expects.
    /// <code>
    /// new SocketIOServerOptions { TimeProvider = new AcceleratedTimeProvider(60), ConnectionTimeProvider = TimeProvider.System }
    /// </code>
    /// </summary>
    public TimeProvider? ConnectionTimeProvider { get; set; }

    /// <summary>Logs (never payloads or auth objects).</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    internal void Validate()
    {
        TimerSpan.RequireValid(PingInterval, nameof(PingInterval));
        TimerSpan.RequireValid(PingTimeout, nameof(PingTimeout));
        TimerSpan.RequireValid(ConnectTimeout, nameof(ConnectTimeout));
        TimerSpan.RequireValid(SendQueueTimeout, nameof(SendQueueTimeout));
        TimerSpan.RequireValid(HandlerDrainTimeout, nameof(HandlerDrainTimeout));
        if (MaxPayload < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPayload), MaxPayload, "MaxPayload must be at least 64 bytes: the handshake and control packets must fit.");
        }

        if (MaxAttachments < 0 || SendQueueCapacity < 1 || HandlerQueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SendQueueCapacity), "MaxAttachments must be 0 or more, SendQueueCapacity and HandlerQueueCapacity 1 or more.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(LoggerFactory);
    }

    // The connection's timers run on the client's clock (see ConnectionTimeProvider).
    internal TimeProvider ConnectionClock => ConnectionTimeProvider ?? TimeProvider;

    internal SocketIOCodecOptions CodecOptions() => new() { MaxPayloadBytes = MaxPayload, MaxAttachments = MaxAttachments };
}
