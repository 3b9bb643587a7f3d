using Protocol.SocketIO.EngineIO;
using Protocol.SocketIO.Transport;

namespace Protocol.SocketIO;

// The send side: every frame goes into the connection's one FrameSendQueue (write-through when the writer is free).
public sealed partial class SocketIOConnection
{
    // Operation texts are formats, filled in only when an error message needs them (no string per send).
    private const string OpEmit = "Emitting '{0}'";
    private const string OpAck = "Acknowledging request {1}";
    private const string OpConnectNamespace = "Connecting namespace '{0}'";
    private const string OpLeaveNamespace = "Leaving namespace '{0}'";

    /// <summary>
    /// Sends a whole Engine.IO text frame (and its attachments, as one unit) without copying it: the runtime's path.
    /// The message's memory must stay unchanged until the returned task completes.
    /// </summary>
    internal ValueTask SendMessageAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (message.Content.IsEmpty)
        {
            throw new ArgumentException("An Engine.IO text frame has at least its type digit.", nameof(message));
        }

        var frame = _sendQueue.Rent();
        frame.BeginBorrowed(message.Content, true, message.Attachments, SendOperation.Sending);
        return SendFrameAsync(frame, cancellationToken);
    }

    private static ReadOnlyMemory<ReadOnlyMemory<byte>> ToMemory(IReadOnlyList<ReadOnlyMemory<byte>>? attachments) => attachments switch
    {
        null => default,
        ReadOnlyMemory<byte>[] array => array,
        _ => attachments.ToArray(),
    };

    private OutboundFrame RentFrame(SendOperation operation, ReadOnlyMemory<ReadOnlyMemory<byte>> attachments = default)
    {
        var frame = _sendQueue.Rent();
        frame.BeginOwned(true, attachments, operation);
        return frame;
    }

    // Checks what the server would refuse, then hands the filled frame to the queue (which owns it from here on).
    private ValueTask SendFrameAsync(OutboundFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            CheckFitsMaxPayload(frame);
            ThrowIfNotOpen(frame.Operation);
        }
        catch
        {
            frame.Recycle();
            throw;
        }

        return _sendQueue.SendAsync(frame, cancellationToken);
    }

    private void CheckFitsMaxPayload(OutboundFrame frame)
    {
        var limit = _handshake?.MaxPayload ?? EngineHandshake.DefaultMaxPayload;
        var length = frame.Content.Length;
        if (length > limit)
        {
            throw new ArgumentException($"{frame.Operation}: the frame is {length} bytes but the server accepts at most {limit} (maxPayload); it would close the connection with 1009. Split the data.", "textFrame");
        }

        var attachments = frame.Attachments.Span;
        for (var i = 0; i < attachments.Length; i++)
        {
            if (attachments[i].Length > limit)
            {
                throw new ArgumentException($"{frame.Operation}: attachment {i} is {attachments[i].Length} bytes but the server accepts at most {limit} (maxPayload). Split the data.", "attachments");
            }
        }
    }

    // The queue's view of this connection: the transport to write to and the typed errors a send can end with.
    private sealed class SendTarget(SocketIOConnection connection) : IFrameWriter
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool isText, CancellationToken cancellationToken)
            => connection._transport!.SendAsync(data, isText ? FrameKind.Text : FrameKind.Binary, cancellationToken);

        public Exception QueueFull(SendOperation operation, int capacity, TimeSpan waited)
            => new SocketIOSendQueueFullException(operation.ToString(), capacity, waited);

        public Exception Closed(SendOperation operation) => new SocketIOConnectionClosedException(
            operation.ToString(),
            connection._closeInfo ?? new SocketIODisconnectInfo(SocketIODisconnectReason.ClientDisconnect, null, "The connection is closing."));

        // A send that fails means the connection is going down: report it as such, with the reason when it is known.
        public Exception WriteFailed(SendOperation operation, Exception error) => error as SocketIOConnectionClosedException ?? new SocketIOConnectionClosedException(
            operation.ToString(),
            connection._closeInfo ?? new SocketIODisconnectInfo(SocketIODisconnectReason.TransportError, error, error.Message));

        // A failed send means a broken transport: end the connection; the read loop finishes the shutdown.
        public void OnWriterFailed(Exception error)
        {
            if (!connection._lifetime.IsCancellationRequested
                && connection.TrySetCloseInfo(new SocketIODisconnectInfo(SocketIODisconnectReason.TransportError, error, $"Sending failed: {error.Message}")))
            {
                connection._transport?.Abort();
            }
        }
    }
}
