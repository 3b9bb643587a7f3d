namespace Protocol.SocketIO;

/// <summary>
/// What was wrong with an Engine.IO / Socket.IO packet that the codec refused to decode or encode.
/// The real socket.io server closes the connection on every one of these, so none is recoverable per packet.
/// </summary>
public enum SocketIOProtocolError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The packet has no bytes at all (not even a type digit).</summary>
    EmptyPacket,

    /// <summary>The first byte is not a known packet type digit (Engine.IO 0-6, Socket.IO 0-6).</summary>
    UnknownPacketType,

    /// <summary>A frame is larger than the configured maximum payload (the server's <c>maxPayload</c>).</summary>
    PayloadTooLarge,

    /// <summary>A BINARY_EVENT / BINARY_ACK has a missing, non-integer or zero <c>N-</c> attachment count.</summary>
    IllegalAttachments,

    /// <summary>A BINARY_EVENT / BINARY_ACK announces more attachments than the configured limit.</summary>
    TooManyAttachments,

    /// <summary>The namespace is malformed (does not start with '/', contains ',', or swallows JSON because the ',' is missing).</summary>
    InvalidNamespace,

    /// <summary>The ack id is negative or does not fit in a 64-bit signed integer.</summary>
    InvalidAckId,

    /// <summary>
    /// The JSON payload is malformed, has trailing data, or has the wrong shape for the packet type; or the event name
    /// (or a namespace's socket id) is not valid Unicode because it escapes a lone UTF-16 surrogate (<c>"\ud800"</c>).
    /// Lone surrogates inside data are not an error: they are the application's to read.
    /// </summary>
    InvalidPayload,

    /// <summary>An EVENT uses a name reserved by Socket.IO (connect, connect_error, disconnect, disconnecting, newListener, removeListener).</summary>
    ReservedEventName,

    /// <summary>A binary placeholder object has <c>"_placeholder":true</c> but its <c>num</c> is missing or not an integer.</summary>
    InvalidPlaceholder,

    /// <summary>A binary placeholder's <c>num</c> is outside 0..attachments-1.</summary>
    PlaceholderOutOfRange,

    /// <summary>A binary frame arrived while no BINARY_EVENT / BINARY_ACK header was waiting for attachments.</summary>
    UnexpectedBinary,

    /// <summary>A text packet arrived while a BINARY_EVENT / BINARY_ACK header was still waiting for attachments.</summary>
    UnexpectedText,

    /// <summary>
    /// A whole message (a binary header plus its attachments, as reassembled) is larger than the inbound message limit
    /// (<see cref="SocketIOCodecOptions.MaxMessageBytes"/>, set from <see cref="SocketIOOptions.MaxInboundMessageBytes"/>).
    /// The exception's inner <see cref="Protocol.InboundMessageTooLargeException"/> is what a connection
    /// reports, the same error as for a single frame over the bound.
    /// </summary>
    MessageTooLarge,

    /// <summary>
    /// A BINARY_EVENT / BINARY_ACK header's attachments did not all arrive within
    /// <see cref="SocketIOOptions.AttachmentTimeout"/>.
    /// </summary>
    AttachmentTimeout,
}
