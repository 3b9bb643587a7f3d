namespace Protocol.SocketIO;

/// <summary>
/// Where the parts of a decoded Socket.IO packet sit inside its bytes. Offsets only, so the same layout describes the
/// packet whether it lives in the connection's receive buffer or in the reassembler's pooled copy.
/// </summary>
internal struct SocketIOPacketLayout
{
    public SocketIOPacketType Type;
    public int AttachmentCount;
    public int NamespaceStart;
    public int NamespaceLength; // 0 = default namespace "/"
    public long AckId;          // -1 = absent
    public int PayloadStart;
    public int PayloadLength;   // 0 = absent
    public SocketIOEventNameKind NameKind;
    public bool NameEscaped;
    public int NameTokenStart;  // within payload; the whole token, quotes included for strings
    public int NameTokenLength;
    public int ArgumentsStart;  // within payload
    public int ArgumentsLength;
    public int ArgumentCount;

    // The parts, given the bytes the layout describes: one definition for the packet view and for the mapper, which reads a
    // layout where it lies (in the assembler) instead of copying it into a packet first.
    public readonly ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> bytes) => bytes.Slice(PayloadStart, PayloadLength);

    public readonly ReadOnlySpan<byte> Namespace(ReadOnlySpan<byte> bytes) => NamespaceLength == 0 ? "/"u8 : bytes.Slice(NamespaceStart, NamespaceLength);

    public readonly ReadOnlySpan<byte> EventName(ReadOnlySpan<byte> bytes) => NameKind switch
    {
        SocketIOEventNameKind.String => Payload(bytes).Slice(NameTokenStart + 1, NameTokenLength - 2),
        SocketIOEventNameKind.Number => Payload(bytes).Slice(NameTokenStart, NameTokenLength),
        _ => default,
    };

    // Whether an argument layout the parser recorded describes this packet (one slice per argument; a packet decoded without
    // one has none).
    public readonly bool Records(ReadOnlySpan<Protocol.ArgumentSlice> arguments) => arguments.Length == ArgumentCount;
}
