using System.Net.WebSockets;

namespace Protocol.Connections.WebSockets;

/// <summary>Settings of a <see cref="JsonWebSocketConnection"/>.</summary>
public sealed class JsonWebSocketOptions
{
    /// <summary>The property of each JSON object that names the action. Default <c>"action"</c>.</summary>
    public string NameProperty { get; set; } = JsonActionEnvelope.DefaultNameProperty;

    /// <summary>The largest message accepted; a bigger one closes the connection with a protocol error. Default 4 MiB.</summary>
    public int MaxMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The initial pooled receive buffer; it grows (pooled) up to <see cref="MaxMessageSize"/>. Default 16 KiB.</summary>
    public int ReceiveBufferSize { get; set; } = 16 * 1024;

    /// <summary>WebSocket-level ping interval. Default 20 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The clock for close timeouts. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long a close handshake the transport starts itself (e.g. message too big) may take. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Further socket settings (proxy, certificates, sub-protocols).</summary>
    public Action<ClientWebSocketOptions>? ConfigureSocket { get; set; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(NameProperty);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveBufferSize, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, ReceiveBufferSize);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CloseTimeout, TimeSpan.Zero);
    }
}
