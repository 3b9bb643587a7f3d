namespace Protocol.SocketIO;

/// <summary>
/// Limits shared by the decoder, the binary reassembler and the encoder. Defaults match socket.io 4.8.4 /
/// socket.io-parser 4.2.7 (<c>maxPayload</c> 1,000,000 bytes, <c>maxAttachments</c> 10).
/// </summary>
public sealed class SocketIOCodecOptions
{
    /// <summary>The default limits: 1,000,000 bytes per frame, 10 attachments per binary packet.</summary>
    public static SocketIOCodecOptions Default { get; } = new();

    /// <summary>Default of <see cref="MaxPayloadBytes"/>: the socket.io server's <c>maxHttpBufferSize</c>.</summary>
    public const int DefaultMaxPayloadBytes = 1_000_000;

    /// <summary>Default of <see cref="MaxAttachments"/>: socket.io-parser's <c>maxAttachments</c>.</summary>
    public const int DefaultMaxAttachments = 10;

    /// <summary>Default of <see cref="MaxMessageBytes"/>: 16 MiB.</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    private readonly int _maxPayloadBytes = DefaultMaxPayloadBytes;
    private readonly int _maxMessageBytes = DefaultMaxMessageBytes;
    private readonly int _maxAttachments = DefaultMaxAttachments;

    /// <summary>
    /// Largest accepted frame (text packet or binary attachment), in bytes. Use the <c>maxPayload</c> the server
    /// advertised in its open packet. Must be at least 1.
    /// </summary>
    public int MaxPayloadBytes
    {
        get => _maxPayloadBytes;
        init => _maxPayloadBytes = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxPayloadBytes), value, "MaxPayloadBytes must be at least 1; use the maxPayload advertised by the server (default 1,000,000).");
    }

    /// <summary>Largest accepted <c>N</c> in a BINARY_EVENT / BINARY_ACK <c>N-</c> header. Must be at least 1.</summary>
    public int MaxAttachments
    {
        get => _maxAttachments;
        init => _maxAttachments = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxAttachments), value, "MaxAttachments must be at least 1 (socket.io-parser's default is 10).");
    }

    /// <summary>
    /// Largest accepted whole message, in bytes: a binary header plus all its attachments as reassembled. Bounds the
    /// reassembly buffer whatever the header announces. Default 16 MiB; must be at least 1.
    /// </summary>
    public int MaxMessageBytes
    {
        get => _maxMessageBytes;
        init => _maxMessageBytes = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxMessageBytes), value, "MaxMessageBytes must be at least 1 (default 16 MiB).");
    }
}
