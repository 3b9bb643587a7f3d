namespace Protocol;

/// <summary>
/// What an inbound message is, as far as routing cares. Set by the transport's envelope decoder. Transport control
/// traffic (joining or leaving a channel, pings) is not a message: the transport handles it, and a server that ends the
/// session reaches the runtime as a disconnection (<see cref="Infrastructure.IMessageSink.OnDisconnected"/>).
/// </summary>
public enum MessageKind : byte
{
    /// <summary>
    /// A named message with arguments (for Socket.IO: an EVENT, or a BINARY_EVENT already reassembled with its
    /// attachments). <see cref="MessageView.Name"/> is its name; <see cref="MessageView.TryGetArgument"/> reads its
    /// arguments. When it carries a <see cref="MessageView.CorrelationId"/>, the server expects a reply to it.
    /// </summary>
    Event,

    /// <summary>A reply to one of the client's requests, matched by <see cref="MessageView.CorrelationId"/>; it has no name, only arguments.</summary>
    Reply,

    /// <summary>A JSON-action message (one JSON object per frame): <see cref="MessageView.Name"/> is its action; argument 0 is the object.</summary>
    Action,

    /// <summary>A frame no envelope decoder claimed: plain text or a binary frame on its own. Argument 0 is the whole frame.</summary>
    Raw,
}
