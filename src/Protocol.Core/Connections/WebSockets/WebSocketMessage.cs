using System.ComponentModel;
using System.Buffers;
using System.Net.WebSockets;

namespace Protocol.Infrastructure;

/// <summary>
/// One whole inbound WebSocket message as <see cref="WebSocketMessageReader"/> hands it over: its type and its bytes,
/// still in the receive pipe's segments. Valid only until the reader's next <see cref="WebSocketMessageReader.ReceiveAsync(CancellationToken)"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct WebSocketMessage
{
    internal WebSocketMessage(WebSocketMessageType type, ReadOnlySequence<byte> payload, WebSocketCloseStatus? closeStatus, string? closeDescription)
    {
        Type = type;
        Payload = payload;
        CloseStatus = closeStatus;
        CloseDescription = closeDescription;
    }

    /// <summary><see cref="WebSocketMessageType.Text"/>, <see cref="WebSocketMessageType.Binary"/>, or <see cref="WebSocketMessageType.Close"/> once the peer has closed.</summary>
    public WebSocketMessageType Type { get; }

    /// <summary>The message bytes (empty for a close). Most messages are one segment: use <see cref="ReadOnlySequence{T}.FirstSpan"/> when <see cref="ReadOnlySequence{T}.IsSingleSegment"/>.</summary>
    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>The peer's close status, for a close.</summary>
    public WebSocketCloseStatus? CloseStatus { get; }

    /// <summary>The peer's close description, for a close.</summary>
    public string? CloseDescription { get; }
}
