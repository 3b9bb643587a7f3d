using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Protocol;

/// <summary>
/// Whether a JSON string token is valid Unicode, checked without allocating and without throwing.
/// </summary>
/// <remarks>
/// JSON may escape a lone UTF-16 surrogate (<c>"\ud800"</c>): the text is well-formed JSON, but
/// <see cref="Utf8JsonReader.GetString"/>, <see cref="Utf8JsonReader.CopyString(Span{byte})"/> and
/// <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> throw <see cref="InvalidOperationException"/> when
/// they unescape it. The codec's rule: every string it must unescape (event names, the handshake's sid and upgrades, a
/// namespace's sid, object keys it compares) goes through this check first; what it need not read is the application's.
/// </remarks>
internal static class JsonStringUnicode
{
    /// <summary>
    /// True when the current string or property-name token's escapes pair every surrogate, so unescaping cannot throw.
    /// Raw bytes are not checked (they cannot encode surrogates; UTF-8 validity is a separate check).
    /// </summary>
    public static bool HasValidEscapes(scoped in Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return true;
        }

        var scan = default(EscapeScanner);
        if (!reader.HasValueSequence)
        {
            return scan.Feed(reader.ValueSpan) && scan.IsComplete;
        }

        foreach (ReadOnlyMemory<byte> segment in reader.ValueSequence)
        {
            if (!scan.Feed(segment.Span))
            {
                return false;
            }
        }

        return scan.IsComplete;
    }

    /// <summary>
    /// True when the current string token can be materialized as a .NET string: valid UTF-8 and every escaped surrogate
    /// paired. <see cref="Utf8JsonReader.GetString"/> and <see cref="Utf8JsonReader.CopyString(Span{byte})"/> cannot throw after it.
    /// </summary>
    public static bool IsValidUnicode(scoped in Utf8JsonReader reader)
    {
        if (!HasValidEscapes(reader))
        {
            return false;
        }

        // Escapes are ASCII, so the escaped text is valid UTF-8 exactly when the unescaped text is.
        return reader.HasValueSequence ? IsValidUtf8(reader.ValueSequence) : Utf8.IsValid(reader.ValueSpan);
    }

    /// <summary>
    /// <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> that answers false instead of throwing when the
    /// token escapes a lone surrogate (such text equals no valid UTF-8 text).
    /// </summary>
    public static bool ValueTextEquals(scoped in Utf8JsonReader reader, ReadOnlySpan<byte> utf8Text) =>
        HasValidEscapes(reader) && reader.ValueTextEquals(utf8Text);

    /// <summary>The current string token as a .NET string, or null when it is not valid Unicode.</summary>
    public static string? GetStringOrNull(scoped in Utf8JsonReader reader) =>
        IsValidUnicode(reader) ? reader.GetString() : null;

    private static bool IsValidUtf8(ReadOnlySequence<byte> sequence)
    {
        if (sequence.IsSingleSegment)
        {
            return Utf8.IsValid(sequence.FirstSpan);
        }

        // Rare (only readers over multi-segment input); a code point may straddle segments, so check one copy.
        byte[] copy = InboundBuffers.Rent(null, checked((int)sequence.Length));
        try
        {
            sequence.CopyTo(copy);
            return Utf8.IsValid(copy.AsSpan(0, (int)sequence.Length));
        }
        finally
        {
            InboundBuffers.Return(null, copy);
        }
    }

    /// <summary>
    /// Walks escaped JSON string text byte by byte (so an escape may straddle segments) and checks that every
    /// <c>\uD800-\uDBFF</c> is followed directly by a <c>\uDC00-\uDFFF</c> and no low surrogate stands alone.
    /// </summary>
    private struct EscapeScanner
    {
        private int _state;      // 0 text, 1 after '\', 2..5 reading the 4 hex digits of \u
        private int _unit;       // the code unit being read
        private bool _needLow;   // the previous code unit was a high surrogate

        public readonly bool IsComplete => _state == 0 && !_needLow;

        public bool Feed(ReadOnlySpan<byte> text)
        {
            foreach (byte b in text)
            {
                switch (_state)
                {
                    case 0:
                        if (b == (byte)'\\')
                        {
                            _state = 1;
                        }
                        else if (_needLow)
                        {
                            return false;
                        }

                        break;
                    case 1:
                        if (b == (byte)'u')
                        {
                            _state = 2;
                            _unit = 0;
                        }
                        else if (_needLow)
                        {
                            return false;
                        }
                        else
                        {
                            _state = 0;
                        }

                        break;
                    default:
                        int digit = HexValue(b);
                        if (digit < 0)
                        {
                            return false; // the reader validates escapes; this only keeps the scanner total
                        }

                        _unit = (_unit << 4) | digit;
                        if (++_state < 6)
                        {
                            break;
                        }

                        _state = 0;
                        if (!Accept(_unit))
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }

        private bool Accept(int unit)
        {
            bool high = unit is >= 0xD800 and <= 0xDBFF;
            bool low = unit is >= 0xDC00 and <= 0xDFFF;
            if (_needLow != low)
            {
                return false; // a high surrogate not followed by a low one, or a low one with no high before it
            }

            _needLow = high;
            return true;
        }

        private static int HexValue(byte b) => b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };
    }
}
