namespace Protocol.SocketIO;

/// <summary>
/// A complete Socket.IO message from a <see cref="SocketIOMessageAssembler"/>: either a one-frame packet (a view over
/// the caller's receive buffer) or a reassembled BINARY_EVENT / BINARY_ACK (a view over the assembler's pooled copy of
/// the header and its attachments). Valid until the assembler's next <c>Receive*</c>, <c>Reset</c> or <c>Dispose</c>
/// call, and, for one-frame packets, only while the caller's buffer is unchanged. Copy what you need to keep longer.
/// </summary>
public readonly ref struct SocketIOMessage
{
    // The packet's spans and its assembler, which holds the layout until its next call, rather than the packet: a message
    // is built on every receive, and a packet built whole and copied into the message (then out of it again) was re-read
    // with wide loads before its piecewise stores had landed, a store-forwarding stall on each copy of every message.
    private static readonly SocketIOPacketLayout NoLayout;
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly ReadOnlySpan<Protocol.ArgumentSlice> _arguments;
    private readonly SocketIOMessageAssembler? _assembler;

    internal SocketIOMessage(ReadOnlySpan<byte> bytes, ReadOnlySpan<Protocol.ArgumentSlice> arguments, SocketIOMessageAssembler assembler)
    {
        _bytes = bytes;
        _arguments = arguments;
        _assembler = assembler;
    }

    /// <summary>The decoded packet (for a binary message: its header, placeholders included).</summary>
    public SocketIOPacket Packet => new(_bytes, in Layout, _arguments);

    /// <summary>The packet type.</summary>
    public SocketIOPacketType Type => Layout.Type;

    /// <summary>The namespace in UTF-8 (<c>/</c> by default).</summary>
    public ReadOnlySpan<byte> Namespace => Packet.Namespace;

    /// <summary>The ack id, or null.</summary>
    public long? AckId => Packet.AckId;

    /// <summary>The header's JSON payload.</summary>
    public ReadOnlySpan<byte> Payload => Packet.Payload;

    /// <summary>The event name as on the wire (see <see cref="SocketIOPacket.EventName"/>).</summary>
    public ReadOnlySpan<byte> EventName => Packet.EventName;

    /// <summary>Compares the event name, unescaping when needed, without allocating.</summary>
    /// <param name="utf8Name">The name in UTF-8.</param>
    /// <returns>True when equal.</returns>
    public bool EventNameEquals(ReadOnlySpan<byte> utf8Name) => Packet.EventNameEquals(utf8Name);

    /// <summary>The arguments after the event name (placeholders appear as <c>{"_placeholder":true,"num":k}</c>).</summary>
    public SocketIOArguments Arguments => Packet.Arguments;

    /// <summary>Number of binary attachments (0 for a one-frame packet).</summary>
    public int AttachmentCount => Layout.AttachmentCount;

    /// <summary>True when this message was reassembled from a header and binary frames (a header that announced attachments; every other packet is a message of one frame).</summary>
    public bool IsReassembled => Layout.AttachmentCount > 0;

    /// <summary>
    /// For a reassembled message, its header's text frame as the assembler was given it (<see cref="SocketIOMessageAssembler.ReceiveFrame"/>:
    /// the Engine.IO <c>4</c> included; <see cref="SocketIOMessageAssembler.ReceiveText"/>: the packet); empty for a one-frame
    /// message, whose frame the caller holds. Valid only until the assembler's next call.
    /// </summary>
    public ReadOnlySpan<byte> HeaderFrame => IsReassembled ? _assembler!.HeaderFrame : default;

    /// <summary>
    /// The attachments of a reassembled message in placeholder order (<c>num</c> 0 first), as the views a
    /// <see cref="Protocol.MessageView"/> takes; empty for a message without attachments. Like the message, valid only until
    /// the assembler's next call.
    /// </summary>
    public ReadOnlySpan<ReadOnlyMemory<byte>> Attachments => IsReassembled ? _assembler!.Attachments : default;

    /// <summary>The attachment a placeholder <c>{"_placeholder":true,"num":<paramref name="num"/>}</c> stands for.</summary>
    /// <param name="num">The placeholder number, 0..<see cref="AttachmentCount"/>-1.</param>
    /// <returns>The attachment's bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="num"/> is not an attachment of this message.</exception>
    public ReadOnlySpan<byte> GetAttachment(int num) => GetAttachmentMemory(num).Span;

    /// <summary>
    /// The attachment as memory owned by the assembler's pooled buffer; same lifetime as the message (until the
    /// assembler's next call). Copy it to keep it.
    /// </summary>
    /// <param name="num">The placeholder number.</param>
    /// <returns>The attachment's bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="num"/> is not an attachment of this message.</exception>
    public ReadOnlyMemory<byte> GetAttachmentMemory(int num)
    {
        var attachments = Attachments;
        if ((uint)num >= (uint)attachments.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(num), num, $"This message has {AttachmentCount} attachment(s); placeholder numbers run from 0 to AttachmentCount-1.");
        }

        return attachments[num];
    }

    // What the mapper reads in place. A default message (what a Receive* that returned false gives) reads as an empty packet.
    internal ReadOnlySpan<byte> PacketBytes => _bytes;

    internal ReadOnlySpan<Protocol.ArgumentSlice> ArgumentSlices => _arguments;

    internal ref readonly SocketIOPacketLayout Layout => ref _assembler is null ? ref NoLayout : ref _assembler.Layout;
}
