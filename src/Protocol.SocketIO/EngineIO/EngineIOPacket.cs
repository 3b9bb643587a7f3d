namespace Protocol.SocketIO.EngineIO;

/// <summary>
/// One decoded Engine.IO packet: a view over the received frame, valid only as long as the frame's bytes are.
/// For a text frame <see cref="Data"/> is everything after the type digit; for a binary frame it is the whole frame
/// (in Engine.IO v4 a binary WebSocket frame is a <see cref="EngineIOPacketType.Message"/> with no type byte).
/// </summary>
public readonly ref struct EngineIOPacket
{
    /// <summary>Creates a view.</summary>
    /// <param name="type">The packet type.</param>
    /// <param name="data">The payload after the type digit (text) or the whole frame (binary).</param>
    /// <param name="isBinary">Whether the packet came in a binary frame.</param>
    public EngineIOPacket(EngineIOPacketType type, ReadOnlySpan<byte> data, bool isBinary)
    {
        Type = type;
        Data = data;
        IsBinary = isBinary;
    }

    /// <summary>The packet type.</summary>
    public EngineIOPacketType Type { get; }

    /// <summary>The payload: UTF-8 text after the type digit, or the raw bytes of a binary frame. May be empty.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>True when the packet came in a binary frame (then <see cref="Type"/> is always <see cref="EngineIOPacketType.Message"/>).</summary>
    public bool IsBinary { get; }
}
