using System.Net.WebSockets;

namespace Protocol.SocketIO.Transport;

/// <summary>
/// One received WebSocket message, whole (fragments already joined). <see cref="Data"/> is owned by the transport
/// and valid only until the next <see cref="IFrameTransport.ReceiveAsync"/> call.
/// </summary>
public readonly struct TransportFrame
{
    /// <summary>Creates a text or binary frame.</summary>
    /// <param name="kind">The message type.</param>
    /// <param name="data">The message bytes.</param>
    public TransportFrame(FrameKind kind, ReadOnlyMemory<byte> data)
    {
        Kind = kind;
        Data = data;
        CloseStatus = null;
        CloseDescription = null;
    }

    private TransportFrame(WebSocketCloseStatus? status, string? description)
    {
        Kind = FrameKind.Close;
        Data = default;
        CloseStatus = status;
        CloseDescription = description;
    }

    /// <summary>The message type, or <see cref="FrameKind.Close"/> at the end of the stream.</summary>
    public FrameKind Kind { get; }

    /// <summary>The message bytes (empty for <see cref="FrameKind.Close"/>).</summary>
    public ReadOnlyMemory<byte> Data { get; }

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
