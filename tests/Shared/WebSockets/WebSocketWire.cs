using System.Buffers.Binary;
using System.Net.WebSockets;

namespace Protocol.Tests.WebSockets;

/// <summary>
/// Raw WebSocket frames as a peer writes them, and a <see cref="WebSocket"/> reading them from memory
/// (<see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>): no network, and a read completes
/// synchronously, so a test can count the bytes one receive allocates on its own thread.
/// </summary>
internal static class WebSocketWire
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;

    /// <summary>One frame. A client's frames are masked (with a zero key here, so the payload stays readable).</summary>
    public static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload, bool fin = true, bool masked = false)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
        var mask = masked ? 0x80 : 0;
        if (payload.Length < 126)
        {
            header.Add((byte)(mask | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header.Add((byte)(mask | 126));
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)payload.Length);
            header.AddRange(length);
        }
        else
        {
            header.Add((byte)(mask | 127));
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            header.AddRange(length);
        }

        if (masked)
        {
            header.AddRange([0, 0, 0, 0]);
        }

        return [.. header, .. payload];
    }

    /// <summary>A close frame with a status code and a reason.</summary>
    public static byte[] CloseFrame(int status, string reason) =>
        Frame(Close, [(byte)(status >> 8), (byte)status, .. System.Text.Encoding.UTF8.GetBytes(reason)]);

    /// <summary>A client-side socket over bytes the "server" already wrote.</summary>
    public static WebSocket ClientOver(Stream stream) =>
        WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });

    /// <summary>A server-side socket (as a server accepts it) over bytes the "client" already wrote.</summary>
    public static WebSocket ServerOver(Stream stream) =>
        WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
}
