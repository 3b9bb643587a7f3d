using System.Text.Json;
using System.Text.Unicode;

namespace Protocol.SocketIO;

/// <summary>
/// The one Socket.IO packet grammar, <c>&lt;type&gt;[&lt;N&gt;-][&lt;/nsp&gt;,][&lt;ackId&gt;][&lt;JSON&gt;]</c>, parsed from
/// UTF-8 bytes with the payload rules of socket.io-parser 4.2.7 (<c>isPayloadValid</c>). Allocates nothing on success.
/// Shared by the decoder, the reassembler and the encoder (which checks its own output with it).
/// </summary>
internal static class SocketIOPacketParser
{
    /// <summary>Deepest JSON nesting accepted (Utf8JsonReader's default); payloads of trading platforms are far shallower.</summary>
    internal const int MaxJsonDepth = 64;

    private const byte PlaceholderFlag = 1;
    private const byte IntegerNumFlag = 2;

    // With an argument layout, the parser also records where each argument of an EVENT / ACK lies (payload-relative; a
    // top-level placeholder as its attachment), which the view mapping then uses as it is.
    public static SocketIOProtocolError Parse(ReadOnlySpan<byte> p, SocketIOCodecOptions options, out SocketIOPacketLayout layout, out string? detail, SocketIOArgumentLayout? arguments = null)
    {
        // Canonical events (a tick's two-step header, a one-step 2["name",…]) skip the JSON walk of the header; the
        // outcome is the same as below's, and everything else, errors included, is decided below.
        if (SocketIOCanonicalEvent.TryParse(p, options, out layout, arguments))
        {
            detail = null;
            return SocketIOProtocolError.None;
        }

        return ParseValidating(p, options, out layout, out detail, arguments);
    }

    /// <summary>The full validating parse, without the canonical fast path (which must agree with it).</summary>
    internal static SocketIOProtocolError ParseValidating(ReadOnlySpan<byte> p, SocketIOCodecOptions options, out SocketIOPacketLayout layout, out string? detail, SocketIOArgumentLayout? arguments = null)
    {
        arguments?.Clear();
        layout = default;
        layout.AckId = -1;
        detail = null;
        if (p.IsEmpty)
        {
            // Quirk: the reference reads "" as CONNECT "/" (Number("") is 0). Nothing legitimate sends it: refuse.
            detail = "Empty Socket.IO packet: expected at least a type digit 0-6.";
            return SocketIOProtocolError.EmptyPacket;
        }

        if (p.Length > options.MaxPayloadBytes)
        {
            detail = $"Socket.IO packet of {p.Length} bytes exceeds the limit of {options.MaxPayloadBytes} bytes (SocketIOCodecOptions.MaxPayloadBytes). Raise the limit only if the server advertises a larger maxPayload.";
            return SocketIOProtocolError.PayloadTooLarge;
        }

        uint type = (uint)(p[0] - (byte)'0');
        if (type > (uint)SocketIOPacketType.BinaryAck)
        {
            detail = $"Unknown Socket.IO packet type byte 0x{p[0]:X2}: expected a digit 0-6.";
            return SocketIOProtocolError.UnknownPacketType;
        }

        if (!Utf8.IsValid(p))
        {
            // Utf8JsonReader only checks UTF-8 when a string is materialized; a text frame must be valid UTF-8 throughout.
            detail = "Invalid payload: the packet is not valid UTF-8 (text frames must be).";
            return SocketIOProtocolError.InvalidPayload;
        }

        layout.Type = (SocketIOPacketType)type;
        int i = 1;
        if (layout.Type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck)
        {
            int start = i;
            long count = 0;
            while (i < p.Length && IsDigit(p[i]))
            {
                if (count <= int.MaxValue)
                {
                    count = (count * 10) + (p[i] - '0');
                }

                i++;
            }

            // Stricter than the reference: "5 1-" and "51.0-" are refused (Number(" 1") / Number("1.0") accept them).
            if (i == start || i >= p.Length || p[i] != (byte)'-')
            {
                detail = "Illegal attachments: a BINARY_EVENT/BINARY_ACK must start with the decimal attachment count followed by '-' (e.g. 451-[...]).";
                return SocketIOProtocolError.IllegalAttachments;
            }

            if (count == 0)
            {
                // socket.io-parser 4.2.7 refuses 0 attachments (a binary packet without binary is a protocol error).
                detail = "Illegal attachments: a BINARY_EVENT/BINARY_ACK announces 0 attachments; send it as EVENT/ACK instead.";
                return SocketIOProtocolError.IllegalAttachments;
            }

            if (count > options.MaxAttachments)
            {
                detail = $"Too many attachments: the packet announces {count}, the limit is {options.MaxAttachments} (SocketIOCodecOptions.MaxAttachments). Raise the limit only if the peer legitimately sends more.";
                return SocketIOProtocolError.TooManyAttachments;
            }

            layout.AttachmentCount = (int)count;
            i++;
        }

        if (i < p.Length && p[i] == (byte)'/')
        {
            ReadOnlySpan<byte> rest = p[i..];
            int comma = rest.IndexOf((byte)',');
            ReadOnlySpan<byte> nsp = comma < 0 ? rest : rest[..comma];
            if (comma < 0 && nsp.IndexOfAny("[{\""u8) >= 0)
            {
                // Quirk: without a ',' the reference lets the namespace run to the end, swallowing the JSON ('2/["a"]').
                detail = "Invalid namespace: a namespace must end with ',' before the payload (e.g. 2/admin,[\"a\"]); this one runs into the JSON.";
                return SocketIOProtocolError.InvalidNamespace;
            }

            // Quirk accepted: "0/admin" (no ',' at the end of the packet) is namespace "/admin", like the reference.
            if (nsp.Length > 1)
            {
                layout.NamespaceStart = i;
                layout.NamespaceLength = nsp.Length;
            }

            i += comma < 0 ? rest.Length : comma + 1;
        }

        if (layout.Type is SocketIOPacketType.Event or SocketIOPacketType.Ack or SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck)
        {
            // Ack ids only exist on events and acks; elsewhere digits fall into the payload and fail its shape check.
            if (i < p.Length && IsDigit(p[i]))
            {
                long id = 0;
                while (i < p.Length && IsDigit(p[i]))
                {
                    int digit = p[i] - '0';
                    if (id > (long.MaxValue - digit) / 10)
                    {
                        detail = "Invalid ack id: it does not fit in a signed 64-bit integer.";
                        return SocketIOProtocolError.InvalidAckId;
                    }

                    id = (id * 10) + digit; // leading zeros accepted: "2007[..]" is id 7, as in the reference
                    i++;
                }

                layout.AckId = id;
            }
        }

        layout.PayloadStart = i;
        layout.PayloadLength = p.Length - i;
        return ValidatePayload(p[i..], ref layout, out detail, arguments);
    }

    private static SocketIOProtocolError ValidatePayload(ReadOnlySpan<byte> payload, ref SocketIOPacketLayout layout, out string? detail, SocketIOArgumentLayout? arguments)
    {
        detail = null;
        if (payload.IsEmpty)
        {
            switch (layout.Type)
            {
                case SocketIOPacketType.Connect:
                case SocketIOPacketType.Disconnect:
                    return SocketIOProtocolError.None;
                default:
                    // Decision (stricter than the reference, which skips validation when there is no data):
                    // an EVENT without a name is unroutable and an ACK/CONNECT_ERROR without data is never sent by any
                    // socket.io encoder, so "2", "3", "4", "5N-", "6N-" without JSON are refused.
                    detail = $"Invalid payload: a {TypeName(layout.Type)} packet needs a JSON payload ({ShapeRule(layout.Type)}) but has none.";
                    return SocketIOProtocolError.InvalidPayload;
            }
        }

        if (layout.Type == SocketIOPacketType.Disconnect)
        {
            detail = "Invalid payload: a DISCONNECT packet carries no data (e.g. 1/admin,).";
            return SocketIOProtocolError.InvalidPayload;
        }

        if (payload[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            // Quirk: the reference reads "2 [..]" as ack id 0 (Number(" ") is 0). No encoder writes whitespace here.
            detail = $"Invalid payload: whitespace between the packet header and the JSON of a {TypeName(layout.Type)} packet (an ack id or JSON must follow directly).";
            return SocketIOProtocolError.InvalidPayload;
        }

        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = MaxJsonDepth });
        try
        {
            reader.Read();
            switch (layout.Type)
            {
                case SocketIOPacketType.Connect:
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        detail = "Invalid payload: a CONNECT payload must be a JSON object (auth or {\"sid\":..}) or absent.";
                        return SocketIOProtocolError.InvalidPayload;
                    }

                    reader.Skip();
                    break;
                case SocketIOPacketType.ConnectError:
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        reader.Skip();
                    }
                    else if (reader.TokenType != JsonTokenType.String)
                    {
                        detail = "Invalid payload: a CONNECT_ERROR payload must be a JSON object {\"message\":..} or a string.";
                        return SocketIOProtocolError.InvalidPayload;
                    }

                    break;
                default:
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        detail = $"Invalid payload: a {TypeName(layout.Type)} payload must be a JSON array ({ShapeRule(layout.Type)}).";
                        return SocketIOProtocolError.InvalidPayload;
                    }

                    SocketIOProtocolError error = WalkArray(ref reader, ref layout, out detail, arguments);
                    if (error != SocketIOProtocolError.None)
                    {
                        return error;
                    }

                    break;
            }

            // Anything but whitespace after the value makes Read() throw; a clean end returns false.
            if (reader.Read())
            {
                detail = "Invalid payload: data after the JSON value.";
                return SocketIOProtocolError.InvalidPayload;
            }
        }
        catch (JsonException ex)
        {
            detail = $"Invalid payload: the JSON of a {TypeName(layout.Type)} packet {DescribeJsonError(payload, ex, reader.CurrentDepth)}.";
            return SocketIOProtocolError.InvalidPayload;
        }

        return SocketIOProtocolError.None;
    }

    // Position and reason only. The reader's own message quotes the offending bytes, and the same check guards the
    // encoder, whose input is auth objects and arguments that carry session tokens: no byte of them may reach a message.
    internal static string DescribeJsonError(ReadOnlySpan<byte> json, JsonException ex, int depth)
    {
        long line = ex.LineNumber ?? 0;
        int lineStart = 0;
        for (int i = 0; i < json.Length && line > 0; i++)
        {
            if (json[i] == (byte)'\n')
            {
                line--;
                lineStart = i + 1;
            }
        }

        long offset = Math.Min(lineStart + (ex.BytePositionInLine ?? 0), json.Length);
        // The reader refuses the container that would open level MaxJsonDepth + 1 while it sits one level below the limit.
        bool tooDeep = depth >= MaxJsonDepth - 1 && offset < json.Length && json[(int)offset] is (byte)'[' or (byte)'{';
        string reason = tooDeep ? $"nests deeper than {MaxJsonDepth} levels"
            : offset >= json.Length ? "ends before its JSON value is complete (truncated)"
            : "is malformed (an unexpected byte or token, or data after the value)";
        return $"{reason} at byte {offset} of the payload";
    }

    private static SocketIOProtocolError WalkArray(ref Utf8JsonReader reader, ref SocketIOPacketLayout layout, out string? detail, SocketIOArgumentLayout? arguments)
    {
        detail = null;
        if (layout.Type is SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent)
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    if (!JsonStringUnicode.HasValidEscapes(reader))
                    {
                        // Rule (issue #8): a name must be valid Unicode to be routed, compared or logged. Raw bytes were
                        // checked as UTF-8 above, so only an escaped lone surrogate (\ud800 without its pair) gets here.
                        detail = "Invalid payload: the event name is not valid Unicode (it escapes a lone UTF-16 surrogate such as \\ud800 without its pair), so no handler can be named by it.";
                        return SocketIOProtocolError.InvalidPayload;
                    }

                    if (IsReserved(ref reader))
                    {
                        detail = "Reserved event name: connect, connect_error, disconnect, disconnecting, newListener and removeListener cannot be sent as events.";
                        return SocketIOProtocolError.ReservedEventName;
                    }

                    layout.NameKind = SocketIOEventNameKind.String;
                    layout.NameEscaped = reader.ValueIsEscaped;
                    break;
                case JsonTokenType.Number:
                    layout.NameKind = SocketIOEventNameKind.Number;
                    break;
                case JsonTokenType.EndArray:
                    detail = "Invalid payload: an EVENT array is empty; its first element must be the event name.";
                    return SocketIOProtocolError.InvalidPayload;
                default:
                    detail = "Invalid payload: an EVENT's first array element (the name) must be a string or a number.";
                    return SocketIOProtocolError.InvalidPayload;
            }

            layout.NameTokenStart = (int)reader.TokenStartIndex;
            layout.NameTokenLength = (int)reader.BytesConsumed - layout.NameTokenStart;
        }

        bool binary = layout.AttachmentCount > 0;
        Span<byte> flags = binary ? stackalloc byte[MaxJsonDepth + 2] : default;
        Span<int> nums = binary ? stackalloc int[MaxJsonDepth + 2] : default;
        int pending = 0; // 1: the next value is "_placeholder"'s, 2: "num"'s
        int argsStart = 0;
        int argsEnd = 0;
        int count = 0;
        int argStart = 0;
        while (reader.Read())
        {
            JsonTokenType token = reader.TokenType;
            int depth = reader.CurrentDepth;
            if (depth == 0)
            {
                break; // the root array's ']'
            }

            if (depth == 1 && token is not (JsonTokenType.EndArray or JsonTokenType.EndObject))
            {
                argStart = (int)reader.TokenStartIndex;
                if (count++ == 0)
                {
                    argsStart = argStart;
                }
            }

            if (!binary)
            {
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip(); // validates the value without per-token bookkeeping
                }

                argsEnd = (int)reader.BytesConsumed;
                arguments?.Add(ArgumentSlice.InPayload(argStart, argsEnd - argStart));
                continue;
            }

            int placeholder = -1;

            switch (token)
            {
                case JsonTokenType.PropertyName:
                    // Keys are data: one escaping a lone surrogate is simply not "_placeholder" or "num".
                    pending = JsonStringUnicode.ValueTextEquals(reader, "_placeholder"u8) ? 1 : JsonStringUnicode.ValueTextEquals(reader, "num"u8) ? 2 : 0;
                    continue;
                case JsonTokenType.EndArray:
                    break;
                case JsonTokenType.EndObject:
                    if ((flags[depth] & PlaceholderFlag) != 0)
                    {
                        if ((flags[depth] & IntegerNumFlag) == 0)
                        {
                            detail = "Illegal attachments: a {\"_placeholder\":true} object has no integer \"num\".";
                            return SocketIOProtocolError.InvalidPlaceholder;
                        }

                        if ((uint)nums[depth] >= (uint)layout.AttachmentCount)
                        {
                            // The number itself is not quoted: the encoder checks outgoing data with this too.
                            detail = $"Illegal attachments: a placeholder's num is outside 0..{layout.AttachmentCount - 1} ({layout.AttachmentCount} attachments announced); the placeholder object ends at byte {reader.TokenStartIndex} of the payload.";
                            return SocketIOProtocolError.PlaceholderOutOfRange;
                        }

                        placeholder = nums[depth];
                    }

                    break;
                default:
                    if (pending != 0)
                    {
                        // Last key wins, like JSON.parse with duplicate keys.
                        ref byte owner = ref flags[depth - 1];
                        if (pending == 1)
                        {
                            owner = token == JsonTokenType.True ? (byte)(owner | PlaceholderFlag) : (byte)(owner & ~PlaceholderFlag);
                        }
                        else if (token == JsonTokenType.Number && reader.TryGetInt32(out int num))
                        {
                            owner |= IntegerNumFlag;
                            nums[depth - 1] = num;
                        }
                        else
                        {
                            owner = (byte)(owner & ~IntegerNumFlag);
                        }

                        pending = 0;
                    }

                    if (token == JsonTokenType.StartObject)
                    {
                        flags[depth] = 0;
                    }

                    break;
            }

            if (depth == 1)
            {
                argsEnd = (int)reader.BytesConsumed;
                if (token is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    // A top-level value ends here; one that is itself a placeholder is its attachment.
                    arguments?.Add(placeholder >= 0 ? ArgumentSlice.Attachment(placeholder) : ArgumentSlice.InPayload(argStart, argsEnd - argStart));
                }
            }
        }

        layout.ArgumentCount = count;
        if (count > 0)
        {
            layout.ArgumentsStart = argsStart;
            layout.ArgumentsLength = argsEnd - argsStart;
        }

        return SocketIOProtocolError.None;
    }

    /// <summary>The decoder-side exception: the detail plus what a receiver should do.</summary>
    internal static SocketIOProtocolException DecodeException(SocketIOProtocolError error, string? detail) =>
        new(error, (detail ?? error.ToString()) + " Close the connection: the reference server closes it on the same input.");

    // Call only on a name whose escapes were checked (JsonStringUnicode.HasValidEscapes): ValueTextEquals unescapes.
    private static bool IsReserved(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("connect"u8)
        || reader.ValueTextEquals("connect_error"u8)
        || reader.ValueTextEquals("disconnect"u8)
        || reader.ValueTextEquals("disconnecting"u8)
        || reader.ValueTextEquals("newListener"u8)
        || reader.ValueTextEquals("removeListener"u8);

    internal static bool IsReserved(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("connect"u8)
        || name.SequenceEqual("connect_error"u8)
        || name.SequenceEqual("disconnect"u8)
        || name.SequenceEqual("disconnecting"u8)
        || name.SequenceEqual("newListener"u8)
        || name.SequenceEqual("removeListener"u8);

    internal static string TypeName(SocketIOPacketType type) => type switch
    {
        SocketIOPacketType.Connect => "CONNECT",
        SocketIOPacketType.Disconnect => "DISCONNECT",
        SocketIOPacketType.Event => "EVENT",
        SocketIOPacketType.Ack => "ACK",
        SocketIOPacketType.ConnectError => "CONNECT_ERROR",
        SocketIOPacketType.BinaryEvent => "BINARY_EVENT",
        _ => "BINARY_ACK",
    };

    private static string ShapeRule(SocketIOPacketType type) => type switch
    {
        SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent => "a non-empty array starting with the event name",
        SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck => "an array of ack arguments",
        SocketIOPacketType.ConnectError => "an object {\"message\":..} or a string",
        _ => "an object",
    };

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
