namespace Protocol.SocketIO;

/// <summary>How an EVENT / BINARY_EVENT names itself (the first element of its array).</summary>
public enum SocketIOEventNameKind : byte
{
    /// <summary>The packet is not an event, so it has no name.</summary>
    None = 0,

    /// <summary>A JSON string (the usual case).</summary>
    String = 1,

    /// <summary>A JSON number; legal per socket.io-parser (<c>2[1,"a"]</c>, <c>2[1.5]</c>).</summary>
    Number = 2,
}
