using System.Text.Json;
using Protocol.Messaging;

namespace Protocol.SocketIO;

/// <summary>
/// The one mapping from a decoded Socket.IO packet to the runtime's <see cref="MessageView"/>, shared by the client
/// connection and the test kit's fake transport, so a message looks the same whichever of them delivered it.
/// </summary>
public static class SocketIOMessageViews
{
    /// <summary>The runtime's kind for a packet type (binary forms map like their one-step forms).</summary>
    /// <param name="type">The packet type.</param>
    /// <returns>The message kind.</returns>
    public static MessageKind GetKind(SocketIOPacketType type) => type switch
    {
        SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent => MessageKind.Event,
        SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck => MessageKind.Ack,
        SocketIOPacketType.Connect => MessageKind.Connect,
        SocketIOPacketType.ConnectError => MessageKind.ConnectError,
        _ => MessageKind.Disconnect,
    };

    /// <summary>Builds the view of a complete message (for a two-step message: its header and reassembled attachments).</summary>
    /// <param name="packet">The decoded packet (the header, for a two-step message).</param>
    /// <param name="raw">The frame text as received, Engine.IO prefix included.</param>
    /// <param name="attachments">The attachments by placeholder number; empty for a one-step message.</param>
    /// <param name="nameScratch">
    /// A buffer the caller keeps for unescaping event names (<c>"\u0061uth"</c>); grown here when too small, so steady
    /// state allocates nothing. The view's name may point into it until the next call.
    /// </param>
    /// <returns>The view, valid as long as <paramref name="raw"/>, the packet's bytes and the attachments are.</returns>
    public static MessageView Create(SocketIOPacket packet, ReadOnlySpan<byte> raw, ReadOnlySpan<ReadOnlyMemory<byte>> attachments, scoped ref byte[] nameScratch)
    {
        var kind = GetKind(packet.Type);
        var name = kind == MessageKind.Event ? GetEventName(packet, ref nameScratch) : default;
        return new MessageView(kind, raw, name, packet.Namespace, packet.AckId ?? MessageView.NoAckId, packet.Payload, attachments);
    }

    // MessageView.Name is unescaped UTF-8; escaped names are rare, so they go through the caller's scratch buffer. The
    // parser refuses names that are not valid Unicode, so CopyString cannot throw here.
    private static ReadOnlySpan<byte> GetEventName(SocketIOPacket packet, scoped ref byte[] scratch)
    {
        if (!packet.EventNameHasEscapes)
        {
            return packet.EventName;
        }

        var reader = new Utf8JsonReader(packet.Payload);
        reader.Read();
        reader.Read();
        if (scratch.Length < packet.EventName.Length)
        {
            scratch = new byte[packet.EventName.Length];
        }

        var written = reader.CopyString(scratch);
        return scratch.AsSpan(0, written);
    }
}
