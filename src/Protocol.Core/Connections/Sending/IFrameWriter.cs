namespace Protocol;

// The socket side of a FrameSendQueue: writes one frame, and turns failures into the connection's typed errors.
internal interface IFrameWriter
{
    // Writes one whole WebSocket message. Called by one writer at a time.
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool isText, CancellationToken cancellationToken);

    // The queue stayed full for the whole timeout; nothing of the send was written.
    Exception QueueFull(SendOperation operation, int capacity, TimeSpan waited);

    // The connection is closing or closed; nothing of the send was written.
    Exception Closed(SendOperation operation);

    // A write failed: what the sender of that frame sees (the frame may be incomplete on the wire).
    Exception WriteFailed(SendOperation operation, Exception error);

    // A write failed: the transport is broken and the connection must end. Called once.
    void OnWriterFailed(Exception error);
}
