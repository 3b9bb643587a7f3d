using System.Buffers;
using System.Net;
using Microsoft.Extensions.Logging;
using Protocol.SocketIO.Transport;

namespace Protocol.SocketIO;

/// <summary>Settings for one <see cref="SocketIOConnection"/>.</summary>
public sealed class SocketIOOptions
{
    /// <summary>The server address (http, https, ws or wss). A non-root path is used as the Engine.IO path.</summary>
    public required Uri ServerUri { get; set; }

    /// <summary>The Engine.IO path when <see cref="ServerUri"/> has none.</summary>
    public string Path { get; set; } = "/socket.io/";

    /// <summary>Extra query parameters sent with the handshake. Values are never logged.</summary>
    public IList<KeyValuePair<string, string>> Query { get; } = [];

    /// <summary>Extra HTTP headers for the upgrade request (for example <c>Origin</c> and <c>User-Agent</c>).</summary>
    public IList<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>Cookies to send with the upgrade request, if any.</summary>
    public CookieContainer? Cookies { get; set; }

    /// <summary>
    /// The namespaces <see cref="SocketIOConnection.ConnectAsync"/> joins, in order (Socket.IO v5 joins none implicitly).
    /// Defaults to the main namespace; clear it to open only the Engine.IO session, or list only <c>/admin</c>.
    /// </summary>
    public IList<SocketIONamespace> Namespaces { get; } = [SocketIONamespace.Main];

    /// <summary>Receives every inbound event and ack (control packets stay in the connection); this is where a runtime plugs in.</summary>
    public SocketIOMessageHandler? OnMessage { get; set; }

    /// <summary>How long the WebSocket connect, the open packet and each namespace connect may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The default timeout of <see cref="SocketIOConnection.EmitWithAckAsync"/>.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="SocketIOConnection.DisconnectAsync"/> waits for queued sends and the server's close before aborting.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the connection may go without receiving any frame before it is declared dead
    /// (<see cref="SocketIODisconnectReason.PingTimeout"/>). Every inbound frame re-arms it, not only pings. When null (the
    /// default) it is the server's pingInterval + pingTimeout, like the reference client.
    /// </summary>
    public TimeSpan? HeartbeatTimeout { get; set; }

    /// <summary>
    /// The one inbound bound, in bytes, on a whole message: a single WebSocket message, or a binary header plus all its
    /// attachments as reassembled. A message is cut off as soon as it crosses it (nothing past it is buffered) and the
    /// session ends with <see cref="SocketIODisconnectReason.ProtocolError"/> and a
    /// <see cref="Protocol.InboundMessageTooLargeException"/>. Independent of the server's maxPayload, which
    /// bounds what this client sends. Default 16 MiB.
    /// </summary>
    public int MaxInboundMessageBytes { get; set; } = SocketIOCodecOptions.DefaultMaxMessageBytes;

    /// <summary>
    /// Where the receive pipe's segments come from (a message is received into segments, never into one growing array).
    /// Default <see langword="null"/>: a private pool of reused 16 KiB blocks per connection. Inject one to share blocks
    /// between connections, or to count rentals in a test.
    /// </summary>
    public MemoryPool<byte>? ReceiveMemoryPool { get; set; }

    /// <summary>
    /// Where contiguous copies come from: a message that spans several receive segments (linearised once at its exact
    /// length for the packet parser) and the copies of a binary header and its attachments while they are reassembled.
    /// Default <see langword="null"/>: <see cref="ArrayPool{T}.Shared"/> up to 1 MiB, and unpooled arrays above, so big
    /// messages never stay parked in the process-wide pool.
    /// </summary>
    public ArrayPool<byte>? BufferPool { get; set; }

    /// <summary>
    /// How long a binary header may wait for its attachments (from the header to the last attachment). Past it the
    /// session ends with a <see cref="SocketIOProtocolException"/> (<see cref="SocketIOProtocolError.AttachmentTimeout"/>).
    /// Runs on <see cref="TimeProvider"/>. Default 30 s.
    /// </summary>
    public TimeSpan AttachmentTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many sends (emits, acks, namespace joins and leaves) may wait in the send queue or be on the wire at once.
    /// A send past it waits for room up to <see cref="SendQueueTimeout"/>, so a server that stops reading cannot grow
    /// memory without bound. Pongs never wait: they go out past the bound. Default 1024.
    /// </summary>
    public int MaxQueuedSends { get; set; } = 1024;

    /// <summary>
    /// How long a send waits for room in a full send queue before it fails with
    /// <see cref="SocketIOSendQueueFullException"/> (nothing of it was sent). Runs on <see cref="TimeProvider"/>. Default 10 s.
    /// </summary>
    public TimeSpan SendQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most attachments one binary packet may announce (socket.io-parser's default is 10).</summary>
    public int MaxAttachments { get; set; } = 10;

    /// <summary>The clock for timeouts and the heartbeat watchdog.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where diagnostics go. Auth objects and query values are never logged.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Opens the transport; the default is a <see cref="System.Net.WebSockets.ClientWebSocket"/>.</summary>
    public IFrameTransportFactory TransportFactory { get; set; } = WebSocketFrameTransportFactory.Default;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(ServerUri);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AckTimeout, TimeSpan.Zero, nameof(AckTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(CloseTimeout, TimeSpan.Zero, nameof(CloseTimeout));
        if (HeartbeatTimeout is { } heartbeat)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(heartbeat, TimeSpan.Zero, nameof(HeartbeatTimeout));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttachments, 1, nameof(MaxAttachments));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInboundMessageBytes, 16, nameof(MaxInboundMessageBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttachmentTimeout, TimeSpan.Zero, nameof(AttachmentTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedSends, 1, nameof(MaxQueuedSends));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SendQueueTimeout, TimeSpan.Zero, nameof(SendQueueTimeout));
        foreach (var ns in Namespaces)
        {
            SocketIOConnection.ValidateNamespace(ns.Name);
        }
    }
}
