using System.Buffers;

namespace Protocol.SocketIO.EngineIO;

/// <summary>
/// Pre-encoded Engine.IO control packets (send them as WebSocket text frames) and a writer for message packets.
/// </summary>
public static class EngineIOPackets
{
    /// <summary><c>3</c>: the pong a v4 client sends for every server ping <c>2</c>.</summary>
    public static ReadOnlySpan<byte> Pong => "3"u8;

    /// <summary><c>2</c>: ping. A v4 client must never send it (the server closes the connection); here for servers and tests.</summary>
    public static ReadOnlySpan<byte> Ping => "2"u8;

    /// <summary><c>2probe</c>: sent by the client on the new WebSocket during a polling to WebSocket upgrade.</summary>
    public static ReadOnlySpan<byte> PingProbe => "2probe"u8;

    /// <summary><c>3probe</c>: the server's answer to <see cref="PingProbe"/>.</summary>
    public static ReadOnlySpan<byte> PongProbe => "3probe"u8;

    /// <summary><c>5</c>: completes the upgrade.</summary>
    public static ReadOnlySpan<byte> Upgrade => "5"u8;

    /// <summary><c>1</c>: close.</summary>
    public static ReadOnlySpan<byte> Close => "1"u8;

    /// <summary><c>6</c>: no-op.</summary>
    public static ReadOnlySpan<byte> Noop => "6"u8;

    /// <summary>Writes a text packet: the type digit followed by <paramref name="data"/>.</summary>
    /// <param name="output">Where the frame's bytes go.</param>
    /// <param name="type">The packet type.</param>
    /// <param name="data">UTF-8 payload, may be empty.</param>
    public static void Write(IBufferWriter<byte> output, EngineIOPacketType type, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(output);
        if ((uint)type > (uint)EngineIOPacketType.Noop)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Engine.IO v4 packet types are 0 (open) to 6 (noop).");
        }

        Span<byte> span = output.GetSpan(data.Length + 1);
        span[0] = (byte)((byte)'0' + (byte)type);
        data.CopyTo(span[1..]);
        output.Advance(data.Length + 1);
    }

    /// <summary>Writes a message packet <c>4</c> + <paramref name="data"/> (a Socket.IO packet already encoded without prefix).</summary>
    /// <param name="output">Where the frame's bytes go.</param>
    /// <param name="data">The Socket.IO packet.</param>
    public static void WriteMessage(IBufferWriter<byte> output, ReadOnlySpan<byte> data) => Write(output, EngineIOPacketType.Message, data);
}
