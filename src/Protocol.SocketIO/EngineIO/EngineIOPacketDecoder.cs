namespace Protocol.SocketIO.EngineIO;

/// <summary>
/// Decodes one Engine.IO v4 packet from one WebSocket message (one packet per message, no separators). Allocates nothing.
/// The open-packet JSON and the heartbeat are the connection's business; this only splits type and payload.
/// </summary>
public static class EngineIOPacketDecoder
{
    /// <summary>Decodes a frame; throws <see cref="SocketIOProtocolException"/> when it is not a valid packet.</summary>
    /// <param name="frame">The complete WebSocket message.</param>
    /// <param name="isBinary">True for a binary frame (opcode 0x2), false for a text frame (opcode 0x1).</param>
    /// <param name="maxPayloadBytes">Largest accepted frame; pass the server's advertised <c>maxPayload</c>.</param>
    /// <returns>The packet view over <paramref name="frame"/>.</returns>
    /// <exception cref="SocketIOProtocolException">Empty text frame, unknown type digit, or frame over the limit.</exception>
    public static EngineIOPacket Decode(ReadOnlySpan<byte> frame, bool isBinary, int maxPayloadBytes = SocketIOCodecOptions.DefaultMaxPayloadBytes)
    {
        SocketIOProtocolError error = DecodeCore(frame, isBinary, maxPayloadBytes, out EngineIOPacket packet);
        return error == SocketIOProtocolError.None ? packet : throw CreateException(error, frame, maxPayloadBytes);
    }

    /// <summary>Decodes a frame without throwing.</summary>
    /// <param name="frame">The complete WebSocket message.</param>
    /// <param name="isBinary">True for a binary frame, false for a text frame.</param>
    /// <param name="packet">The packet view when the method returns true.</param>
    /// <param name="error">Why the frame was refused, or <see cref="SocketIOProtocolError.None"/>.</param>
    /// <param name="maxPayloadBytes">Largest accepted frame.</param>
    /// <returns>True when the frame is a valid packet.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> frame, bool isBinary, out EngineIOPacket packet, out SocketIOProtocolError error, int maxPayloadBytes = SocketIOCodecOptions.DefaultMaxPayloadBytes)
    {
        error = DecodeCore(frame, isBinary, maxPayloadBytes, out packet);
        return error == SocketIOProtocolError.None;
    }

    private static SocketIOProtocolError DecodeCore(ReadOnlySpan<byte> frame, bool isBinary, int maxPayloadBytes, out EngineIOPacket packet)
    {
        packet = default;
        if (frame.Length > maxPayloadBytes)
        {
            return SocketIOProtocolError.PayloadTooLarge;
        }

        if (isBinary)
        {
            packet = new EngineIOPacket(EngineIOPacketType.Message, frame, isBinary: true);
            return SocketIOProtocolError.None;
        }

        if (frame.IsEmpty)
        {
            return SocketIOProtocolError.EmptyPacket;
        }

        uint type = (uint)(frame[0] - (byte)'0');
        if (type > (uint)EngineIOPacketType.Noop)
        {
            return SocketIOProtocolError.UnknownPacketType;
        }

        packet = new EngineIOPacket((EngineIOPacketType)type, frame[1..], isBinary: false);
        return SocketIOProtocolError.None;
    }

    private static SocketIOProtocolException CreateException(SocketIOProtocolError error, ReadOnlySpan<byte> frame, int maxPayloadBytes) => error switch
    {
        SocketIOProtocolError.PayloadTooLarge => new SocketIOProtocolException(error,
            $"Engine.IO frame of {frame.Length} bytes exceeds maxPayload {maxPayloadBytes}. The server would close with 1009; close the connection, or raise the limit if the server advertises a larger maxPayload."),
        SocketIOProtocolError.EmptyPacket => new SocketIOProtocolException(error,
            "Empty Engine.IO text frame: every packet starts with a type digit 0-6. The peer is not speaking Engine.IO v4; close the connection."),
        _ => new SocketIOProtocolException(error,
            $"Unknown Engine.IO packet type byte 0x{frame[0]:X2}: expected a digit 0-6. The peer is not speaking Engine.IO v4 (EIO=4); close the connection."),
    };
}
