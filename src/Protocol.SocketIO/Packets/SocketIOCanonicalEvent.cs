using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Protocol.SocketIO;

/// <summary>
/// The fast path in front of <see cref="SocketIOPacketParser"/>: recognises, with a byte scan, the two event forms every
/// socket.io encoder writes and a trading platform's ticks use, and records their layout directly:
/// <list type="bullet">
/// <item>a two-step header <c>5&lt;n&gt;-["&lt;name&gt;",{"_placeholder":true,"num":&lt;i&gt;},…]</c> (nothing but
/// canonical placeholders after the name), and</item>
/// <item>a one-step event <c>2["&lt;name&gt;",&lt;arguments&gt;]</c>, whose arguments are still validated by a JSON
/// reader, one value each.</item>
/// </list>
/// The name must be plain printable ASCII (no escapes) and not reserved. Anything else — a namespace, an ack id, leading
/// zeros, whitespace, escapes, another placeholder spelling, an invalid or out-of-range value — is not recognised and goes
/// to the full validating parser, which also produces every error. What this accepts, the full parser accepts with the
/// same layout and argument slices (a property test compares the two on canonical and near-canonical packets).
/// </summary>
internal static class SocketIOCanonicalEvent
{
    // Bytes that end a plain name: the closing quote, and anything that would need the full parser (escapes, control
    // characters, DEL and non-ASCII, whose UTF-8 validity the full parser checks).
    private static readonly SearchValues<byte> NotPlainNameByte = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', .. Enumerable.Range(0x7F, 0x81).Select(b => (byte)b)]);

    // The argument reader starts one level below the full parser's root array, so it gets one level less.
    private static readonly JsonReaderOptions ArgumentReaderOptions = new() { MaxDepth = SocketIOPacketParser.MaxJsonDepth - 1 };

    private static ReadOnlySpan<byte> PlaceholderPrefix => "{\"_placeholder\":true,\"num\":"u8;

    /// <summary>Recognises a canonical event packet and lays it out; false sends the packet to the full parser.</summary>
    /// <param name="p">The Socket.IO packet (without the Engine.IO <c>4</c>).</param>
    /// <param name="options">The limits in force.</param>
    /// <param name="layout">The layout when recognised.</param>
    /// <param name="arguments">Receives the argument slices when recognised (may hold a partial list otherwise: the full parser clears it).</param>
    /// <returns>Whether the packet was recognised (and is valid).</returns>
    public static bool TryParse(ReadOnlySpan<byte> p, SocketIOCodecOptions options, out SocketIOPacketLayout layout, SocketIOArgumentLayout? arguments)
    {
        layout = default;
        if (p.Length < 4 || p.Length > options.MaxPayloadBytes)
        {
            return false;
        }

        arguments?.Clear();
        return p[0] switch
        {
            (byte)'5' => TryBinaryEvent(p, options, ref layout, arguments),
            (byte)'2' => TryEvent(p, ref layout, arguments),
            _ => false,
        };
    }

    private static bool TryBinaryEvent(ReadOnlySpan<byte> p, SocketIOCodecOptions options, ref SocketIOPacketLayout layout, SocketIOArgumentLayout? arguments)
    {
        // 5<count>-[ : a count without leading zeros, of at most four digits (the limit is far below).
        int i = 1;
        int attachments = 0;
        if (p[1] == (byte)'0')
        {
            return false;
        }

        while (i < p.Length && IsDigit(p[i]))
        {
            if (i > 4)
            {
                return false;
            }

            attachments = (attachments * 10) + (p[i] - '0');
            i++;
        }

        if (attachments == 0 || attachments > options.MaxAttachments || i + 1 >= p.Length || p[i] != (byte)'-' || p[i + 1] != (byte)'[')
        {
            return false;
        }

        int payloadStart = i + 1;
        ReadOnlySpan<byte> payload = p[payloadStart..];
        if (!TryName(payload, out int j))
        {
            return false;
        }

        int nameEnd = j;
        int count = 0;
        int argsStart = 0;
        int argsEnd = 0;
        while (payload[j] == (byte)',')
        {
            int start = ++j;
            if (!payload[j..].StartsWith(PlaceholderPrefix))
            {
                return false;
            }

            j += PlaceholderPrefix.Length;
            if (!TryPlaceholderNumber(payload, ref j, attachments, out int num) || payload[j] != (byte)'}')
            {
                return false;
            }

            j++;
            if (j >= payload.Length)
            {
                return false;
            }

            if (count++ == 0)
            {
                argsStart = start;
            }

            argsEnd = j;
            arguments?.Add(ArgumentSlice.Attachment(num));
        }

        if (payload[j] != (byte)']' || j != payload.Length - 1)
        {
            return false;
        }

        layout.Type = SocketIOPacketType.BinaryEvent;
        layout.AttachmentCount = attachments;
        Finish(ref layout, payloadStart, p.Length, nameEnd, count, argsStart, argsEnd);
        return true;
    }

    private static bool TryEvent(ReadOnlySpan<byte> p, ref SocketIOPacketLayout layout, SocketIOArgumentLayout? arguments)
    {
        if (p[1] != (byte)'[' || !Utf8.IsValid(p))
        {
            return false;
        }

        ReadOnlySpan<byte> payload = p[1..];
        if (!TryName(payload, out int j))
        {
            return false;
        }

        int nameEnd = j;
        int count = 0;
        int argsStart = 0;
        int argsEnd = 0;
        while (payload[j] == (byte)',')
        {
            j++;
            int start;
            int end;
            var reader = new Utf8JsonReader(payload[j..], ArgumentReaderOptions);
            try
            {
                // One value: the reader stops at its end and never looks at the ',' or ']' after it.
                if (!reader.Read())
                {
                    return false;
                }

                start = j + (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                end = j + (int)reader.BytesConsumed;
            }
            catch (JsonException)
            {
                return false;
            }

            if (end >= payload.Length)
            {
                return false;
            }

            if (count++ == 0)
            {
                argsStart = start;
            }

            argsEnd = end;
            arguments?.Add(ArgumentSlice.InPayload(start, end - start));
            j = end;
        }

        if (payload[j] != (byte)']' || j != payload.Length - 1)
        {
            return false;
        }

        layout.Type = SocketIOPacketType.Event;
        Finish(ref layout, 1, p.Length, nameEnd, count, argsStart, argsEnd);
        return true;
    }

    // payload[0] is '['. A plain, non-reserved name "…" follows; end is the index after its closing quote, which is
    // inside the payload (the caller checks the byte there).
    private static bool TryName(ReadOnlySpan<byte> payload, out int end)
    {
        end = 0;
        if (payload.Length < 4 || payload[1] != (byte)'"')
        {
            return false;
        }

        int length = payload[2..].IndexOfAny(NotPlainNameByte);
        if (length <= 0 || payload[2 + length] != (byte)'"' || SocketIOPacketParser.IsReserved(payload.Slice(2, length)))
        {
            return false;
        }

        end = 2 + length + 1;
        return end < payload.Length;
    }

    // A JSON integer without sign or leading zero, of at most nine digits (so it fits an int), below the count.
    private static bool TryPlaceholderNumber(ReadOnlySpan<byte> payload, ref int j, int attachments, out int num)
    {
        num = 0;
        int start = j;
        while (j < payload.Length && IsDigit(payload[j]))
        {
            num = (num * 10) + (payload[j] - '0');
            j++;
            if (j - start > 9)
            {
                return false;
            }
        }

        int digits = j - start;
        return digits > 0 && (digits == 1 || payload[start] != (byte)'0') && num < attachments && j < payload.Length;
    }

    // nameEnd: the index (in the payload) after the name's closing quote; the name token starts at 1, after the '['.
    private static void Finish(ref SocketIOPacketLayout layout, int payloadStart, int packetLength, int nameEnd, int count, int argsStart, int argsEnd)
    {
        layout.AckId = -1;
        layout.PayloadStart = payloadStart;
        layout.PayloadLength = packetLength - payloadStart;
        layout.NameKind = SocketIOEventNameKind.String;
        layout.NameTokenStart = 1;
        layout.NameTokenLength = nameEnd - 1;
        layout.ArgumentCount = count;
        layout.ArgumentsStart = count > 0 ? argsStart : 0;
        layout.ArgumentsLength = count > 0 ? argsEnd - argsStart : 0;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
