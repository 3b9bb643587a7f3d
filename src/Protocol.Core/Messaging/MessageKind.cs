namespace Protocol.Messaging;

/// <summary>What an inbound message is, as far as routing cares. Set by the transport's envelope decoder.</summary>
public enum MessageKind : byte
{
    /// <summary>
    /// A named event: a Socket.IO EVENT, or a BINARY_EVENT already reassembled with its attachments.
    /// <see cref="MessageView.Name"/> is the event name; arguments follow it.
    /// </summary>
    Event,

    /// <summary>A Socket.IO ACK or reassembled BINARY_ACK: <see cref="MessageView.AckId"/> is set; the payload array holds the arguments.</summary>
    Ack,

    /// <summary>A JSON-action message (one JSON object per frame): <see cref="MessageView.Name"/> is its action.</summary>
    Action,

    /// <summary>The server accepted a namespace (Socket.IO CONNECT); the payload is its object, if any.</summary>
    Connect,

    /// <summary>The server refused a namespace (Socket.IO CONNECT_ERROR); the payload is its message or object.</summary>
    ConnectError,

    /// <summary>The server left a namespace (Socket.IO DISCONNECT).</summary>
    Disconnect,

    /// <summary>A frame no envelope decoder claimed: plain text or a binary frame on its own.</summary>
    Raw,
}
