using System.Text.Json;

namespace Protocol.Server.SocketIO;

/// <summary>A client's answer to <see cref="SocketIOServerSocket.EmitWithAckAsync"/> (Socket.IO ACK or BINARY_ACK).</summary>
public sealed class SocketIOServerAck
{
    internal SocketIOServerAck(IReadOnlyList<JsonElement> arguments, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        Arguments = arguments;
        Attachments = attachments;
    }

    /// <summary>The ack's arguments. Binary values appear as placeholders; read them with <see cref="SocketIOBinary.TryGet"/>.</summary>
    public IReadOnlyList<JsonElement> Arguments { get; }

    /// <summary>The ack's binary attachments, by placeholder number.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; }
}
