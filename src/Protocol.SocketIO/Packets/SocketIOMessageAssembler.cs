using System.Buffers;

namespace Protocol.SocketIO;

/// <summary>
/// Per-connection decoder state: decodes each text packet and reassembles two-step binary messages (a BINARY_EVENT /
/// BINARY_ACK header announcing N attachments, then N binary frames) into one <see cref="SocketIOMessage"/>.
/// The header and each attachment are copied once, each into a pooled buffer of its length (never a buffer
/// doubled until everything fits), because the connection reuses its receive buffer; in steady state nothing is
/// allocated per message, and a small attachment (up to 4 KiB) reuses the buffer of the one before it. The buffers come from the injected <see cref="ArrayPool{T}"/>; without one, from
/// <see cref="ArrayPool{T}.Shared"/> up to 1 MiB and unpooled above, so big attachments never stay parked in the
/// process-wide pool.
/// </summary>
/// <remarks>
/// Lifetime: a message returned by <see cref="ReceiveText"/> or <see cref="ReceiveBinary(ReadOnlySpan{byte}, out SocketIOMessage)"/> is valid until the next
/// call to any method of this instance. Not thread-safe: one receive loop owns one assembler.
/// Any <see cref="SocketIOProtocolException"/> also drops a half-built message, like socket.io-parser's
/// <c>destroy()</c>; the connection is expected to close.
/// </remarks>
public sealed class SocketIOMessageAssembler : IDisposable
{
    // Past this size the buffer goes back to the pool before the next message, so one big upload does not pin memory.
    private const int RetainedBufferLimit = 256 * 1024;

    private readonly ArrayPool<byte>? _pool;
    // Small attachments' buffers are kept from one message to the next instead of going back to the pool each time: a
    // stream of ticks is a stream of two-step messages of about the same size, and a rent plus a return per message was
    // a measurable part of a tick. Bounded to MaxAttachments buffers of at most this size each.
    private const int RetainedAttachmentLimit = 4 * 1024;

    // One buffer per attachment position, in use while the position is below _received and kept for the next message's
    // attachment at that position otherwise (up to RetainedAttachmentLimit). The buffer stays in its slot from one message
    // to the next: moving it between a "received" and a "spare" array cost two checked reference-array stores per message.
    private readonly byte[]?[] _buffers;

    // The received attachments as the views a message hands on (Attachments), set as each arrives, so a consumer passes them
    // along as one span instead of copying them out. Only the first _received are ever exposed; a view is cleared when its
    // buffer leaves the slot, so none holds a buffer given back to the pool.
    private readonly ReadOnlyMemory<byte>[] _views;
    private byte[] _header = [];
    private long _length;
    private int _headerLength;
    private int _packetStart;
    private SocketIOPacketLayout _layout;

    // Where each argument of the last text packet lies, recorded by the parser; kept with a binary header until its
    // attachments arrive, so the reassembled message carries it too.
    private readonly SocketIOArgumentLayout _arguments = new();

    // The length of the last binary header's frame while _header, _layout and _arguments still hold that header as parsed;
    // NothingRepeatable (no frame's length) once anything else was parsed. A server repeats one header for every message of
    // a stream (PocketOption sends 451-["updateStream",{"_placeholder":true,"num":0}] before every tick), so a header equal
    // byte for byte to the kept one is neither parsed nor copied again: the parse depends on the bytes and the options only.
    private const int NothingRepeatable = -1;
    private int _repeatableLength = NothingRepeatable;
    private int _expected;
    private int _received;
    private bool _completed;

    /// <summary>Creates an assembler for one connection.</summary>
    /// <param name="options">Limits (max payload per frame, max attachments); <see cref="SocketIOCodecOptions.Default"/> when null.</param>
    /// <param name="bufferPool">Where the copies of headers and attachments come from; see the remarks on the class for the default.</param>
    public SocketIOMessageAssembler(SocketIOCodecOptions? options = null, ArrayPool<byte>? bufferPool = null)
    {
        Options = options ?? SocketIOCodecOptions.Default;
        _pool = bufferPool;
        _buffers = new byte[Options.MaxAttachments][];
        _views = new ReadOnlyMemory<byte>[Options.MaxAttachments];
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
    public bool ReceiveText(ReadOnlySpan<byte> packet, out SocketIOMessage message) => ReceiveFrame(packet, 0, out message);

    /// <summary>
    /// Feeds a text frame whose Socket.IO packet starts at <paramref name="packetStart"/> (1 for an Engine.IO message frame, after
    /// its <c>4</c>), as <see cref="ReceiveText"/> does; a binary header's whole frame is kept, once, and the reassembled
    /// message gives it back as <see cref="SocketIOMessage.HeaderFrame"/> (the raw text a consumer reports), so the consumer
    /// keeps no copy of its own.
    /// </summary>
    /// <param name="frame">The frame bytes; only read during the call for binary headers (they are copied).</param>
    /// <param name="packetStart">Where the Socket.IO packet starts in <paramref name="frame"/>.</param>
    /// <param name="message">The complete message when the method returns true.</param>
    /// <returns>True when <paramref name="message"/> is complete; false when it was a binary header now waiting for attachments.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="packetStart"/> is outside the frame.</exception>
    /// <exception cref="SocketIOProtocolException">The packet is malformed, or a binary header still waits for attachments (<see cref="SocketIOProtocolError.UnexpectedText"/>).</exception>
    public bool ReceiveFrame(ReadOnlySpan<byte> frame, int packetStart, out SocketIOMessage message)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)packetStart, (uint)frame.Length, nameof(packetStart));
        var packet = frame[packetStart..];
        ReleaseCompleted();
        if (IsAwaitingAttachments)
        {
            int pending = PendingAttachmentCount;
            DropPending();
            throw new SocketIOProtocolException(SocketIOProtocolError.UnexpectedText,
                $"Got a text packet while a binary packet still waited for {pending} attachment(s) (socket.io-parser: \"got plaintext data when reconstructing a packet\"). The half-built message was dropped; close the connection.");
        }

        if (frame.Length == _repeatableLength && packetStart == _packetStart && frame.SequenceEqual(_header.AsSpan(0, frame.Length)))
        {
            AwaitAttachments(frame.Length);
            message = default;
            return false;
        }

        // Laid out straight into the field the message reads it from (nothing is pending here: a completed message was
        // released above, and a waiting header refused). A parse overwrites the kept header's layout, even one that fails.
        _repeatableLength = NothingRepeatable;
        SocketIOProtocolError error = SocketIOPacketParser.Parse(packet, Options, out _layout, out string? detail, _arguments);
        if (error != SocketIOProtocolError.None)
        {
            throw SocketIOPacketParser.DecodeException(error, detail);
        }

        if (_layout.AttachmentCount == 0)
        {
            message = new SocketIOMessage(packet, _arguments.Slices, this);
            return true;
        }

        KeepHeader(frame, packetStart);
        message = default;
        return false;
    }

    // A binary header waits for its attachments: its whole frame is copied. A method of its own: inlined into a caller
    // that had already inlined the parser, the copy's span conversions were not, and their results went through memory
    // (a store-forwarding stall on every binary header).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void KeepHeader(ReadOnlySpan<byte> frame, int packetStart)
    {
        var packetLength = frame.Length - packetStart;
        if (packetLength > Options.MaxMessageBytes)
        {
            throw TooLarge(packetLength, _layout.AttachmentCount, 0);
        }

        // Nothing is pending here: a completed message was released above, and a waiting header refused.
        if (_header.Length < frame.Length || (_header.Length > RetainedBufferLimit && frame.Length <= RetainedBufferLimit))
        {
            ReturnHeader();
            _header = InboundBuffers.Rent(_pool, frame.Length);
        }

        frame.CopyTo(_header.AsSpan());
        _packetStart = packetStart;
        _repeatableLength = frame.Length;
        AwaitAttachments(frame.Length);
    }

    // The kept header (frame in _header, layout in _layout) now waits for its attachments.
    private void AwaitAttachments(int frameLength)
    {
        _length = frameLength - _packetStart;
        _headerLength = frameLength;
        _expected = _layout.AttachmentCount;
        _received = 0;
    }

    /// <summary>Feeds a binary frame (an attachment of the pending binary header). The bytes are copied.</summary>
    /// <param name="attachment">The binary frame's bytes.</param>
    /// <param name="message">The reassembled message when the method returns true.</param>
    /// <returns>True when this was the last attachment; false while more are expected.</returns>
    /// <exception cref="SocketIOProtocolException">No header is waiting (<see cref="SocketIOProtocolError.UnexpectedBinary"/>), the frame exceeds the payload limit, or the message so far exceeds <see cref="SocketIOCodecOptions.MaxMessageBytes"/> (<see cref="SocketIOProtocolError.MessageTooLarge"/>).</exception>
    public bool ReceiveBinary(ReadOnlySpan<byte> attachment, out SocketIOMessage message)
    {
        var copy = Accept(attachment.Length);
        attachment.CopyTo(copy);
        return Stored(copy, attachment.Length, out message);
    }

    /// <summary>
    /// Feeds a binary frame that may span several segments (a large attachment as the receive pipe holds it). The bytes
    /// are copied once, into a buffer of exactly their length.
    /// </summary>
    /// <param name="attachment">The binary frame's bytes.</param>
    /// <param name="message">The reassembled message when the method returns true.</param>
    /// <returns>True when this was the last attachment; false while more are expected.</returns>
    /// <exception cref="SocketIOProtocolException">As for the span overload.</exception>
    public bool ReceiveBinary(in ReadOnlySequence<byte> attachment, out SocketIOMessage message)
    {
        var length = attachment.Length > int.MaxValue ? int.MaxValue : (int)attachment.Length;
        var copy = Accept(length);
        attachment.Slice(0, length).CopyTo(copy);
        return Stored(copy, length, out message);
    }

    /// <summary>
    /// The most bytes the next attachment may have before the pending message crosses <see cref="SocketIOCodecOptions.MaxMessageBytes"/>
    /// (the whole bound when no header waits), so a transport can stop reading an attachment at the bound instead of
    /// receiving all of it first.
    /// </summary>
    public int NextFrameBudget => IsAwaitingAttachments
        ? (int)Math.Max(0, Math.Min(Options.MaxPayloadBytes, Options.MaxMessageBytes - _length))
        : Options.MaxMessageBytes;

    /// <summary>
    /// Reports that the transport cut off an attachment at <see cref="NextFrameBudget"/>: drops the half-built message and
    /// returns the error for the whole message.
    /// </summary>
    /// <param name="received">How many bytes of the attachment arrived before it was cut off.</param>
    /// <returns>The error to report, naming the whole-message bound.</returns>
    internal InboundMessageTooLargeException AttachmentCutOff(long received)
    {
        var error = (InboundMessageTooLargeException)TooLarge(_length + received, _expected, _received + 1).InnerException!;
        DropPending();
        return error;
    }

    private byte[] Accept(int length)
    {
        ReleaseCompleted();
        if (!IsAwaitingAttachments)
        {
            throw new SocketIOProtocolException(SocketIOProtocolError.UnexpectedBinary,
                "Got a binary frame while no BINARY_EVENT/BINARY_ACK header was waiting for attachments (socket.io-parser: \"got binary data when not reconstructing a packet\"). Close the connection.");
        }

        if (length > Options.MaxPayloadBytes)
        {
            DropPending();
            throw new SocketIOProtocolException(SocketIOProtocolError.PayloadTooLarge,
                $"Binary attachment of {length} bytes exceeds the limit of {Options.MaxPayloadBytes} bytes (SocketIOCodecOptions.MaxPayloadBytes). The half-built message was dropped; close the connection, or raise the limit to the server's maxPayload.");
        }

        if (_length + length > Options.MaxMessageBytes)
        {
            var error = TooLarge(_length + length, _expected, _received + 1);
            DropPending();
            throw error;
        }

        if (_buffers[_received] is { } kept)
        {
            if (kept.Length >= length)
            {
                return kept;
            }

            Release(_received);
        }

        var buffer = InboundBuffers.Rent(_pool, length);
        _buffers[_received] = buffer;
        return buffer;
    }

    private bool Stored(byte[] copy, int length, out SocketIOMessage message)
    {
        _views[_received] = new ReadOnlyMemory<byte>(copy, 0, length);
        _received++;
        _length += length;
        if (_received < _expected)
        {
            message = default;
            return false;
        }

        _completed = true;
        message = new SocketIOMessage(_header.AsSpan(_packetStart, _headerLength - _packetStart), _arguments.Slices, this);
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
        ReturnHeader();
        for (var i = 0; i < _buffers.Length; i++)
        {
            Release(i);
        }
    }

    /// <summary>The bytes the assembler holds in its buffers (header and attachments), for tests of its bound.</summary>
    internal long BufferCapacity
    {
        get
        {
            long total = _header.Length;
            foreach (var buffer in _buffers)
            {
                total += buffer?.Length ?? 0;
            }

            return total;
        }
    }

    // The last message's layout (a binary header's until its attachments are in); valid until the next call.
    internal ref readonly SocketIOPacketLayout Layout => ref _layout;

    // The completed message's header frame as given to ReceiveFrame; valid until the next call.
    internal ReadOnlySpan<byte> HeaderFrame => _header.AsSpan(0, _headerLength);

    // The completed message's attachments, in placeholder order; valid until the next call.
    internal ReadOnlySpan<ReadOnlyMemory<byte>> Attachments => _views.AsSpan(0, _received);

    // The connection reports the inner exception: one too-large error, whether one frame or a reassembled message crossed the bound.
    private SocketIOProtocolException TooLarge(long size, int announced, int attachments) => new(
        SocketIOProtocolError.MessageTooLarge,
        $"A binary message (header and {attachments} of its {announced} attachment(s)) reached {size} bytes, over the limit of {Options.MaxMessageBytes} bytes for a whole message (SocketIOOptions.MaxInboundMessageBytes). The half-built message was dropped; close the connection, or raise the limit if the server legitimately sends messages this large.",
        new InboundMessageTooLargeException(Options.MaxMessageBytes, size, $"A reassembled Socket.IO binary message (header and {attachments} of its {announced} attachment(s))"));

    // A completed message lives until the next call; its attachments go back to the pool then.
    private void ReleaseCompleted()
    {
        if (_completed)
        {
            DropPending();
        }
    }

    private void DropPending()
    {
        // A small attachment's buffer stays in its slot for the next message; a larger one goes back to the pool now.
        for (var i = 0; i < _received; i++)
        {
            if (_buffers[i]!.Length > RetainedAttachmentLimit)
            {
                Release(i);
            }
        }

        _completed = false;
        _expected = 0;
        _received = 0;
        _length = 0;
        _headerLength = 0;
    }

    // Gives a slot's buffer back to the pool, and clears its view so that nothing keeps a reference to it.
    private void Release(int slot)
    {
        if (_buffers[slot] is { } buffer)
        {
            _buffers[slot] = null;
            _views[slot] = default;
            InboundBuffers.Return(_pool, buffer);
        }
    }

    private void ReturnHeader()
    {
        _repeatableLength = NothingRepeatable;
        if (_header.Length > 0)
        {
            InboundBuffers.Return(_pool, _header);
        }

        _header = [];
    }
}
