using System.Net.WebSockets;

namespace Protocol.Server.Sessions;

// The socket side of a server session's one-writer send queue, shared by both envelopes' sessions.
internal sealed class ServerFrameWriter(WebSocket socket, string session) : IFrameWriter
{
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool isText, CancellationToken cancellationToken)
        => socket.SendAsync(data, isText ? WebSocketMessageType.Text : WebSocketMessageType.Binary, true, cancellationToken);

    public Exception QueueFull(SendOperation operation, int capacity, TimeSpan waited) => new SendQueueFullException(operation.ToString(), capacity, waited);

    public Exception Closed(SendOperation operation) => new ConnectionLostException($"{operation} failed: {session} is closing or closed; nothing was sent.");

    public Exception WriteFailed(SendOperation operation, Exception error) => new ConnectionLostException($"{operation} failed: the WebSocket of {session} broke; the frame may be incomplete.", error);

    public void OnWriterFailed(Exception error) => socket.Abort();
}
