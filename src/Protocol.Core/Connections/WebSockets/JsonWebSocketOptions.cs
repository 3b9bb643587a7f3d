using System.Buffers;
using System.Net.WebSockets;

namespace Protocol.JsonActions;

/// <summary>Settings of a <see cref="JsonWebSocketConnection"/>.</summary>
public sealed class JsonWebSocketOptions
{
    /// <summary>The property of each JSON object that names the action. Default <c>"action"</c>.</summary>
    public string NameProperty { get; set; } = JsonActionEnvelope.DefaultNameProperty;

    /// <summary>
    /// The largest inbound message accepted, in bytes. A bigger one is cut off as soon as it crosses the bound (nothing
    /// past it is buffered) and ends the session with <see cref="DisconnectReason.ProtocolError"/> and an
    /// <see cref="InboundMessageTooLargeException"/>. Independent of what the server accepts from us. Default 16 MiB.
    /// </summary>
    public int MaxInboundMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Where the receive pipe's segments come from (a message is received into segments, never into one growing array).
    /// Default <see langword="null"/>: a private pool of reused 16 KiB blocks per connection. Inject one to share blocks
    /// between connections, or to count rentals in a test.
    /// </summary>
    public MemoryPool<byte>? ReceiveMemoryPool { get; set; }

    /// <summary>
    /// Where a contiguous copy of a message comes from when one is needed (a message that spans several segments,
    /// linearised once at its exact length). Default <see langword="null"/>: <see cref="ArrayPool{T}.Shared"/> up to
    /// 1 MiB, and unpooled arrays above, so big messages never stay parked in the process-wide pool.
    /// </summary>
    public ArrayPool<byte>? BufferPool { get; set; }

    /// <summary>WebSocket-level ping interval. Default 20 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The liveness check: when no frame (not even a fragment) arrives from the server for this long, the session ends
    /// with <see cref="DisconnectReason.Timeout"/> and a description naming this setting, and the runtime reconnects.
    /// WebSocket-level pongs do not count (the socket consumes them). Runs on <see cref="TimeProvider"/>.
    /// Default <see cref="Timeout.InfiniteTimeSpan"/> (off): a platform that can be quiet should also set
    /// <see cref="PingMessage"/>, so that a live server always has something to answer.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// An application ping, sent as one text frame after <see cref="PingAfterIdle"/> without any inbound frame (and
    /// again after each further quiet interval), for example <c>{"action":"ping"}</c>. The server's answer, like any
    /// frame, re-arms <see cref="IdleTimeout"/>. Default <see langword="null"/> (no ping).
    /// </summary>
    public string? PingMessage { get; set; }

    /// <summary>
    /// How long the connection stays quiet before it sends <see cref="PingMessage"/>. Must be shorter than
    /// <see cref="IdleTimeout"/> when both are set, or the session would time out before pinging. Default 15 s.
    /// </summary>
    public TimeSpan PingAfterIdle { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The clock for close timeouts and the liveness check. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long a close handshake the transport starts itself (e.g. message too big) may take. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most sends queued or on the wire at once. A send past it waits for room up to <see cref="SendQueueTimeout"/>,
    /// so a server that stops reading cannot grow memory without bound. The idle ping never waits. Default 1024.
    /// </summary>
    public int MaxQueuedSends { get; set; } = 1024;

    /// <summary>
    /// How long a send waits for room in a full send queue before it fails with <see cref="SendQueueFullException"/>
    /// (nothing of it was sent). Runs on <see cref="TimeProvider"/>. Default 10 s.
    /// </summary>
    public TimeSpan SendQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Further socket settings (proxy, certificates, sub-protocols).</summary>
    public Action<ClientWebSocketOptions>? ConfigureSocket { get; set; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(NameProperty);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInboundMessageBytes, 16, nameof(MaxInboundMessageBytes));
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CloseTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueuedSends, 1, nameof(MaxQueuedSends));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SendQueueTimeout, TimeSpan.Zero, nameof(SendQueueTimeout));
        if (IdleTimeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, TimeSpan.Zero, nameof(IdleTimeout));
        }

        if (PingMessage is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(PingMessage, nameof(PingMessage));
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PingAfterIdle, TimeSpan.Zero, nameof(PingAfterIdle));
            if (IdleTimeout != Timeout.InfiniteTimeSpan && PingAfterIdle >= IdleTimeout)
            {
                throw new ArgumentException($"PingAfterIdle ({PingAfterIdle.TotalMilliseconds:0} ms) must be shorter than IdleTimeout ({IdleTimeout.TotalMilliseconds:0} ms), or the session times out before it pings.", nameof(PingAfterIdle));
            }
        }
    }
}
