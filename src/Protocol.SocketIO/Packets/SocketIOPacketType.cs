namespace Protocol.SocketIO;

/// <summary>Socket.IO v5 packet types; the value is the ASCII digit minus '0'.</summary>
public enum SocketIOPacketType : byte
{
    /// <summary><c>0</c>: connect to a namespace; payload absent or a JSON object (auth, or the server's <c>{"sid":..}</c>).</summary>
    Connect = 0,

    /// <summary><c>1</c>: disconnect from a namespace; no payload.</summary>
    Disconnect = 1,

    /// <summary><c>2</c>: event; payload is a non-empty JSON array whose first element is the event name.</summary>
    Event = 2,

    /// <summary><c>3</c>: acknowledgement; payload is a JSON array of the ack arguments.</summary>
    Ack = 3,

    /// <summary><c>4</c>: namespace connection refused; payload is an object <c>{"message":..,"data"?:..}</c> or a string.</summary>
    ConnectError = 4,

    /// <summary><c>5</c>: event with binary attachments (<c>N-</c> header, placeholders, then N binary frames).</summary>
    BinaryEvent = 5,

    /// <summary><c>6</c>: acknowledgement with binary attachments.</summary>
    BinaryAck = 6,
}
