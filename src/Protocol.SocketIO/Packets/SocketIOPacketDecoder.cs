namespace Protocol.SocketIO;

/// <summary>
/// Decodes one Socket.IO v5 text packet (the Engine.IO message payload, without the <c>4</c>) from UTF-8 bytes into a
/// <see cref="SocketIOPacket"/> view. Allocates nothing on success. Validates exactly what socket.io-parser 4.2.7 does,
/// plus the stricter quirk decisions documented on <see cref="SocketIOProtocolError"/> values.
/// For BINARY_EVENT / BINARY_ACK this decodes the header only; use a per-connection
/// <see cref="SocketIOMessageAssembler"/> to collect the attachments.
/// </summary>
public static class SocketIOPacketDecoder
{
    /// <summary>Decodes a packet; throws on malformed input.</summary>
    /// <param name="packet">The Socket.IO packet bytes (for example <c>2["a",1]</c>).</param>
    /// <param name="options">Limits; <see cref="SocketIOCodecOptions.Default"/> when null.</param>
    /// <returns>A view over <paramref name="packet"/>.</returns>
    /// <exception cref="SocketIOProtocolException">The bytes are not a valid packet; <see cref="SocketIOProtocolException.Error"/> says why.</exception>
    public static SocketIOPacket Decode(ReadOnlySpan<byte> packet, SocketIOCodecOptions? options = null)
    {
        SocketIOProtocolError error = SocketIOPacketParser.Parse(packet, options ?? SocketIOCodecOptions.Default, out SocketIOPacketLayout layout, out string? detail);
        return error == SocketIOProtocolError.None
            ? new SocketIOPacket(packet, layout)
            : throw SocketIOPacketParser.DecodeException(error, detail);
    }

    /// <summary>Decodes a packet without throwing <see cref="SocketIOProtocolException"/>.</summary>
    /// <param name="packet">The Socket.IO packet bytes.</param>
    /// <param name="result">The view when decoding succeeded.</param>
    /// <param name="error">Why decoding failed, or <see cref="SocketIOProtocolError.None"/>.</param>
    /// <param name="options">Limits; <see cref="SocketIOCodecOptions.Default"/> when null.</param>
    /// <returns>True when the packet is valid.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out SocketIOPacket result, out SocketIOProtocolError error, SocketIOCodecOptions? options = null)
    {
        error = SocketIOPacketParser.Parse(packet, options ?? SocketIOCodecOptions.Default, out SocketIOPacketLayout layout, out _);
        result = error == SocketIOProtocolError.None ? new SocketIOPacket(packet, layout) : default;
        return error == SocketIOProtocolError.None;
    }
}
