using System.Buffers;

namespace Protocol.SocketIO;

/// <summary>
/// Per-connection decoder state: decodes each text packet and reassembles two-step binary messages (a BINARY_EVENT /
/// BINARY_ACK header announcing N attachments, then N binary frames) into one <see cref="SocketIOMessage"/>.
/// The header and attachments are copied into one pooled, reused buffer, because the connection reuses its receive
/// buffer; in steady state nothing is allocated per message.
/// </summary>
/// <remarks>
/// Lifetime: a message returned by <see cref="ReceiveText"/> or <see cref="ReceiveBinary"/> is valid until the next
/// call to any method of this instance. Not thread-safe: one receive loop owns one assembler.
/// Any <see cref="SocketIOProtocolException"/> also drops a half-built message, like socket.io-parser's
/// <c>destroy()</c>; the connection is expected to close.
/// </remarks>
public sealed class SocketIOMessageAssembler : IDisposable
{
    // Past this size the buffer goes back to the pool before the next message, so one big upload does not pin memory.
    private const int RetainedBufferLimit = 256 * 1024;

    private readonly int[] _attachmentEnds;
    private byte[] _buffer = [];
    private int _length;
    private int _headerLength;
    private SocketIOPacketLayout _layout;
    private int _expected;
    private int _received;

    /// <summary>Creates an assembler for one connection.</summary>
    /// <param name="options">Limits (max payload per frame, max attachments); <see cref="SocketIOCodecOptions.Default"/> when null.</param>
    public SocketIOMessageAssembler(SocketIOCodecOptions? options = null)
    {
        Options = options ?? SocketIOCodecOptions.Default;
        _attachmentEnds = new int[Options.MaxAttachments];
    }

    /// <summary>The limits in force.</summary>
    public SocketIOCodecOptions Options { get; }

    /// <summary>True while a binary header waits for attachments; the next frame must then be binary.</summary>
    public bool IsAwaitingAttachments => _received < _expected;

    /// <summary>How many binary frames the pending header still waits for (0 when none).</summary>
    public int PendingAttachmentCount => _expected - _received;

    /// <summary>
    /// Feeds a Socket.IO text packet (the Engine.IO message payload, without its <c>4</c>).
    /// </summary>
    /// <param name="packet">The packet bytes; only read during the call for binary headers (they are copied).</param>
    /// <param name="message">The complete message when the method returns true.</param>
    /// <returns>True when <paramref name="message"/> is complete; false when it was a binary header now waiting for attachments.</returns>
    /// <exception cref="SocketIOProtocolException">The packet is malformed, or a binary header still waits for attachments (<see cref="SocketIOProtocolError.UnexpectedText"/>).</exception>
    public bool ReceiveText(ReadOnlySpan<byte> packet, out SocketIOMessage message)
    {
        if (IsAwaitingAttachments)
        {
            int pending = PendingAttachmentCount;
            DropPending();
            throw new SocketIOProtocolException(SocketIOProtocolError.UnexpectedText,
                $"Got a text packet while a binary packet still waited for {pending} attachment(s) (socket.io-parser: \"got plaintext data when reconstructing a packet\"). The half-built message was dropped; close the connection.");
        }

        SocketIOProtocolError error = SocketIOPacketParser.Parse(packet, Options, out SocketIOPacketLayout layout, out string? detail);
        if (error != SocketIOProtocolError.None)
        {
            throw SocketIOPacketParser.DecodeException(error, detail);
        }

        if (layout.AttachmentCount == 0)
        {
            message = new SocketIOMessage(new SocketIOPacket(packet, layout), assembler: null);
            return true;
        }

        if (packet.Length > Options.MaxMessageBytes)
        {
            throw TooLarge(packet.Length, layout.AttachmentCount, 0);
        }

        DropPending(); // a new message starts: nothing of the previous one needs preserving when the buffer grows
        if (_buffer.Length > RetainedBufferLimit && packet.Length <= RetainedBufferLimit)
        {
            ReturnBuffer();
        }

        EnsureCapacity(packet.Length);
        packet.CopyTo(_buffer);
        _length = packet.Length;
        _headerLength = packet.Length;
        _layout = layout;
        _expected = layout.AttachmentCount;
        _received = 0;
        message = default;
        return false;
    }

    /// <summary>Feeds a binary frame (an attachment of the pending binary header). The bytes are copied.</summary>
    /// <param name="attachment">The binary frame's bytes.</param>
    /// <param name="message">The reassembled message when the method returns true.</param>
    /// <returns>True when this was the last attachment; false while more are expected.</returns>
    /// <exception cref="SocketIOProtocolException">No header is waiting (<see cref="SocketIOProtocolError.UnexpectedBinary"/>), the frame exceeds the payload limit, or the message so far exceeds <see cref="SocketIOCodecOptions.MaxMessageBytes"/> (<see cref="SocketIOProtocolError.MessageTooLarge"/>).</exception>
    public bool ReceiveBinary(ReadOnlySpan<byte> attachment, out SocketIOMessage message)
    {
        if (!IsAwaitingAttachments)
        {
            throw new SocketIOProtocolException(SocketIOProtocolError.UnexpectedBinary,
                "Got a binary frame while no BINARY_EVENT/BINARY_ACK header was waiting for attachments (socket.io-parser: \"got binary data when not reconstructing a packet\"). Close the connection.");
        }

        if (attachment.Length > Options.MaxPayloadBytes)
        {
            DropPending();
            throw new SocketIOProtocolException(SocketIOProtocolError.PayloadTooLarge,
                $"Binary attachment of {attachment.Length} bytes exceeds the limit of {Options.MaxPayloadBytes} bytes (SocketIOCodecOptions.MaxPayloadBytes). The half-built message was dropped; close the connection, or raise the limit to the server's maxPayload.");
        }

        if ((long)_length + attachment.Length > Options.MaxMessageBytes)
        {
            var error = TooLarge((long)_length + attachment.Length, _expected, _received + 1);
            DropPending();
            throw error;
        }

        EnsureCapacity(_length + attachment.Length);
        attachment.CopyTo(_buffer.AsSpan(_length));
        _length += attachment.Length;
        _attachmentEnds[_received++] = _length;
        if (_received < _expected)
        {
            message = default;
            return false;
        }

        message = new SocketIOMessage(new SocketIOPacket(_buffer.AsSpan(0, _headerLength), _layout), this);
        return true;
    }

    /// <summary>
    /// Drops a half-built binary message (socket.io-parser's <c>decoder.destroy()</c>), for example when the connection
    /// is replaced. The next text packet decodes normally. Keeps the pooled buffer for reuse.
    /// </summary>
    public void Reset() => DropPending();

    /// <summary>Returns the pooled buffer. The assembler must not be used afterwards.</summary>
    public void Dispose()
    {
        DropPending();
        ReturnBuffer();
    }

    /// <summary>The reassembly buffer's current size, for tests of its bound.</summary>
    internal int BufferCapacity => _buffer.Length;

    internal ReadOnlyMemory<byte> GetAttachmentMemory(int num)
    {
        int start = num == 0 ? _headerLength : _attachmentEnds[num - 1];
        return new ReadOnlyMemory<byte>(_buffer, start, _attachmentEnds[num] - start);
    }

    private SocketIOProtocolException TooLarge(long size, int announced, int attachments) => new(
        SocketIOProtocolError.MessageTooLarge,
        $"A binary message (header and {attachments} of its {announced} attachment(s)) reached {size} bytes, over the limit of {Options.MaxMessageBytes} bytes for a whole message (SocketIOOptions.MaxInboundMessageBytes). The half-built message was dropped; close the connection, or raise the limit if the server legitimately sends messages this large.");

    private void DropPending()
    {
        _expected = 0;
        _received = 0;
        _length = 0;
        _headerLength = 0;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _buffer.Length)
        {
            return;
        }

        // Doubling never overshoots the message limit: the buffer is bounded by it, not by what a header announces.
        int target = (int)Math.Min(Math.Max((long)_buffer.Length * 2, 1024), Options.MaxMessageBytes);
        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, target));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ReturnBuffer();
        _buffer = bigger;
    }

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
    }
}
