using System.Text.Json;

namespace Protocol.SocketIO;

/// <summary>
/// The one mapping from a decoded Socket.IO packet (and its reassembled attachments) to the runtime's transport-neutral
/// <see cref="MessageView"/>, shared by the client connection and the test kit's fake transport (and open to a server
/// side), so a message looks the same whichever of them delivered it.
/// </summary>
/// <remarks>
/// <para>
/// What Socket.IO means is settled here, so the core never has to know: an EVENT / BINARY_EVENT becomes
/// <see cref="MessageKind.Event"/>, an ACK / BINARY_ACK <see cref="MessageKind.Reply"/>; the namespace travels as the
/// view's <see cref="MessageView.Scope"/> and the ack id as its <see cref="MessageView.CorrelationId"/> (read them back
/// with <see cref="SocketIOMessageViewExtensions"/>). The argument layout is the parser's, recorded while it validated
/// the packet (computed here only for a packet decoded without an assembler): argument i is array element i after the
/// event name (element i of an ack), and an argument that is a placeholder <c>{"_placeholder":true,"num":k}</c> is
/// attachment k, so readers index a list instead of re-scanning the payload.
/// </para>
/// <para>
/// CONNECT, CONNECT_ERROR and DISCONNECT are not messages: the connection handles them (joins, refusals, a server
/// leaving a namespace) and <see cref="IsMessage"/> tells them apart. One mapper per receive loop: it reuses its
/// buffers from one message to the next, so a view it made is valid only until the next <c>Map</c>.
/// </para>
/// </remarks>
public sealed class SocketIOViewMapper
{
    // Grown when a message has more arguments or a longer escaped name, never shrunk: steady state allocates nothing.
    private ArgumentSlice[] _arguments = new ArgumentSlice[8];
    private byte[] _nameScratch = new byte[128];

    /// <summary>Whether a packet type is a message the runtime sees (an event or an ack, one- or two-step).</summary>
    /// <param name="type">The packet type.</param>
    /// <returns><see langword="false"/> for CONNECT, CONNECT_ERROR and DISCONNECT.</returns>
    public static bool IsMessage(SocketIOPacketType type)
        => type is SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent or SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck;

    /// <summary>Builds the view of a complete message (for a two-step message: its header and reassembled attachments).</summary>
    /// <param name="packet">The decoded packet (the header, for a two-step message); an event or an ack.</param>
    /// <param name="raw">The frame text as received, Engine.IO prefix included.</param>
    /// <param name="attachments">The attachments by placeholder number; empty for a one-step message.</param>
    /// <returns>The view, valid as long as <paramref name="raw"/>, the packet's bytes and the attachments are, and until the next call.</returns>
    /// <exception cref="ArgumentException">The packet is a CONNECT, CONNECT_ERROR or DISCONNECT (see <see cref="IsMessage"/>).</exception>
    public MessageView Map(scoped in SocketIOPacket packet, ReadOnlySpan<byte> raw, ReadOnlySpan<ReadOnlyMemory<byte>> attachments)
        => Map(packet.RawBytes, in packet.Layout, packet.RecordedArguments, raw, attachments);

    /// <summary>
    /// Builds the view of a complete message as a <see cref="SocketIOMessageAssembler"/> gave it (its attachments, for a
    /// two-step message, included), reading its layout where the assembler keeps it.
    /// </summary>
    /// <param name="message">The message; an event or an ack.</param>
    /// <param name="raw">The frame text as received, Engine.IO prefix included (for a two-step message, its <see cref="SocketIOMessage.HeaderFrame"/>).</param>
    /// <returns>The view, valid as long as <paramref name="raw"/> and the message are, and until the next call.</returns>
    /// <exception cref="ArgumentException">The message is a CONNECT, CONNECT_ERROR or DISCONNECT (see <see cref="IsMessage"/>).</exception>
    public MessageView Map(scoped in SocketIOMessage message, ReadOnlySpan<byte> raw)
        => Map(message.PacketBytes, in message.Layout, message.ArgumentSlices, raw, message.Attachments);

    private MessageView Map(ReadOnlySpan<byte> bytes, scoped in SocketIOPacketLayout layout, ReadOnlySpan<ArgumentSlice> recorded, ReadOnlySpan<byte> raw, ReadOnlySpan<ReadOnlyMemory<byte>> attachments)
    {
        // The hot path of every inbound message: the rare cases (an escaped name, a packet without a recorded layout, a
        // misuse) live in methods of their own, so this one stays small and its frame has nothing to clear. The layout is
        // read where it lies: copied into a packet first, it was re-read with wide loads before its stores had landed.
        var type = layout.Type;
        if (!IsMessage(type))
        {
            ThrowNotMessage(type);
        }

        var isEvent = type is SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent;
        var name = !isEvent ? default : layout.NameEscaped ? UnescapedEventName(bytes, in layout) : layout.EventName(bytes);
        // The parser's layout travels with the packet from an assembler (the connection's and the test kit's path): used
        // as it is, no second pass. A packet decoded without one (SocketIOPacketDecoder) is laid out here.
        var arguments = layout.Records(recorded) ? recorded : _arguments.AsSpan(0, Layout(new SocketIOPacket(bytes, in layout), attachments.Length));
        return new MessageView(
            isEvent ? MessageKind.Event : MessageKind.Reply,
            raw,
            name,
            layout.Payload(bytes),
            arguments,
            attachments,
            layout.Namespace(bytes),
            layout.AckId,
            nameIsNumber: isEvent && layout.NameKind == SocketIOEventNameKind.Number);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowNotMessage(SocketIOPacketType type)
        => throw new ArgumentException($"A Socket.IO {type} packet is not a message: the connection handles it. Check SocketIOViewMapper.IsMessage before mapping.", "packet");

    /// <summary>
    /// Builds the view of an event or ack given as fields rather than as a parsed packet (a test kit's explicit push),
    /// laying the payload out as the parser would: argument i is array element i after the event name (element i of
    /// an ack), a top-level placeholder is its attachment.
    /// </summary>
    /// <param name="kind"><see cref="MessageKind.Event"/> or <see cref="MessageKind.Reply"/>.</param>
    /// <param name="raw">The frame text the message stands for.</param>
    /// <param name="name">The event name as unescaped UTF-8 (empty for a reply).</param>
    /// <param name="payload">The packet's JSON array (for an event, the name included).</param>
    /// <param name="attachments">The attachments by placeholder number.</param>
    /// <param name="namespace">The namespace (<c>/</c> by default).</param>
    /// <param name="ackId">The ack id, or <see langword="null"/>.</param>
    /// <returns>
    /// The view, valid until the next call. A payload that is not one well-formed array has no arguments at all, as a
    /// real frame would never get past the parser.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not an event or a reply.</exception>
    public MessageView MapFields(MessageKind kind, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> name, ReadOnlySpan<byte> payload, ReadOnlySpan<ReadOnlyMemory<byte>> attachments, ReadOnlySpan<byte> @namespace, long? ackId)
    {
        if (kind is not (MessageKind.Event or MessageKind.Reply))
        {
            throw new ArgumentException($"A Socket.IO message is an Event or a Reply, not {kind}; deliver other kinds as they are.", nameof(kind));
        }

        var count = LayoutFields(payload, kind == MessageKind.Event, attachments.Length, out var nameIsNumber);
        return new MessageView(kind, raw, name, payload, _arguments.AsSpan(0, count), attachments, @namespace.IsEmpty ? "/"u8 : @namespace, ackId ?? MessageView.NoCorrelationId)
        {
            NameIsNumber = nameIsNumber,
        };
    }

    private int LayoutFields(ReadOnlySpan<byte> payload, bool isEvent, int attachmentCount, out bool nameIsNumber)
    {
        nameIsNumber = false;
        var count = 0;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = SocketIOPacketParser.MaxJsonDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return 0;
            }

            if (isEvent)
            {
                if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
                {
                    return 0;
                }

                nameIsNumber = reader.TokenType == JsonTokenType.Number;
                reader.Skip(); // the name
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var length = (int)reader.BytesConsumed - start;
                if (count == _arguments.Length)
                {
                    Array.Resize(ref _arguments, _arguments.Length * 2);
                }

                var argument = payload.Slice(start, length);
                _arguments[count++] = attachmentCount > 0 && SocketIOPlaceholder.TryParse(argument, out var num) && (uint)num < (uint)attachmentCount
                    ? ArgumentSlice.Attachment(num)
                    : ArgumentSlice.InPayload(start, length);
            }

            // Anything after the array (or an array cut short) makes the whole payload malformed.
            return reader.TokenType == JsonTokenType.EndArray && !reader.Read() ? count : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    // One pass over the argument bytes the parser already validated. A placeholder is resolved here, on the Socket.IO
    // side: only an object can be one, and only a message with attachments has any.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private int Layout(scoped in SocketIOPacket packet, int attachmentCount)
    {
        var count = packet.ArgumentCount;
        if (_arguments.Length < count)
        {
            _arguments = new ArgumentSlice[Math.Max(count, _arguments.Length * 2)];
        }

        var payload = packet.Payload;
        var i = 0;
        foreach (var argument in packet.Arguments)
        {
            if (attachmentCount > 0 && argument[0] == (byte)'{' && SocketIOPlaceholder.TryParse(argument, out var num) && (uint)num < (uint)attachmentCount)
            {
                _arguments[i++] = ArgumentSlice.Attachment(num);
                continue;
            }

            payload.Overlaps(argument, out var start);
            _arguments[i++] = ArgumentSlice.InPayload(start, argument.Length);
        }

        return i;
    }

    // MessageView.Name is unescaped UTF-8; escaped names are rare, so they go through the reused scratch buffer. The
    // parser refuses names that are not valid Unicode, so CopyString cannot throw here.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private ReadOnlySpan<byte> UnescapedEventName(ReadOnlySpan<byte> bytes, scoped in SocketIOPacketLayout layout)
    {
        var reader = new Utf8JsonReader(layout.Payload(bytes));
        reader.Read();
        reader.Read();
        var escapedLength = layout.EventName(bytes).Length;
        if (_nameScratch.Length < escapedLength)
        {
            _nameScratch = new byte[escapedLength];
        }

        var written = reader.CopyString(_nameScratch);
        return _nameScratch.AsSpan(0, written);
    }
}
