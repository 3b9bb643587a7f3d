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
}
