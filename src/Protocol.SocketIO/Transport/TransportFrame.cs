using System.Buffers;
using System.Net.WebSockets;

namespace Protocol.SocketIO.Transport;

/// <summary>
/// One received WebSocket message, whole (fragments already joined). <see cref="Payload"/> is owned by the transport
/// and valid only until the next <see cref="IFrameTransport.ReceiveAsync"/> call. It may span several segments (the
/// receive pipe's); most messages are one, read through <see cref="ReadOnlySequence{T}.FirstSpan"/>.
/// </summary>
public readonly struct TransportFrame
{
    /// <summary>Creates a text or binary frame.</summary>
    /// <param name="kind">The message type.</param>
    /// <param name="data">The message bytes.</param>
    public TransportFrame(FrameKind kind, ReadOnlyMemory<byte> data)
        : this(kind, new ReadOnlySequence<byte>(data))
    {
    }

    /// <summary>Creates a text or binary frame over bytes that may span several segments.</summary>
    /// <param name="kind">The message type.</param>
    /// <param name="payload">The message bytes.</param>
    public TransportFrame(FrameKind kind, ReadOnlySequence<byte> payload)
    {
        Kind = kind;
        Payload = payload;
        CloseStatus = null;
        CloseDescription = null;
    }

    private TransportFrame(WebSocketCloseStatus? status, string? description)
    {
        Kind = FrameKind.Close;
        Payload = default;
        CloseStatus = status;
        CloseDescription = description;
    }

    /// <summary>The message type, or <see cref="FrameKind.Close"/> at the end of the stream.</summary>
    public FrameKind Kind { get; }

    /// <summary>The message bytes (empty for <see cref="FrameKind.Close"/>).</summary>
    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>The close status the peer sent, if any.</summary>
    public WebSocketCloseStatus? CloseStatus { get; }

    /// <summary>The close description the peer sent, if any.</summary>
    public string? CloseDescription { get; }

    /// <summary>Creates the end-of-stream frame.</summary>
    /// <param name="status">The peer's close status, if any.</param>
    /// <param name="description">The peer's close description, if any.</param>
    /// <returns>A <see cref="FrameKind.Close"/> frame.</returns>
    public static TransportFrame Closed(WebSocketCloseStatus? status = null, string? description = null) => new(status, description);
}
