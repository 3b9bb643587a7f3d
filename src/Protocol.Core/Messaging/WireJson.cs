using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Protocol.Infrastructure;

/// <summary>
/// Reading and writing helpers the generated serializers call. Numbers are accepted as JSON numbers or numeric strings
/// (PocketOption sends decimals both ways); nothing here allocates except the strings and arrays it returns.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WireJson
{
    /// <summary>Writer options for frames: relaxed escaping so text (SSIDs, PHP-serialized sessions) goes out as the platform sent it.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int MaxNumberLength = 64;

    // One writer per thread, reset per frame: a new Utf8JsonWriter per message was an allocation on every typed send.
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes one JSON value (a JSON-action frame) into <paramref name="output"/>.</summary>
    /// <typeparam name="TState">The writer's state.</typeparam>
    /// <param name="output">The destination.</param>
    /// <param name="state">Passed to <paramref name="write"/>.</param>
    /// <param name="write">Writes the value.</param>
    public static void WriteFrame<TState>(IBufferWriter<byte> output, TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(write);
        var writer = RentWriter(output);
        try
        {
            write(writer, state);
            writer.Flush();
        }
        finally
        {
            ReturnWriter(writer);
        }
    }

    // Taken out of the slot while in use, so a writer callback that writes another frame gets its own writer. Internal
    // for the transports' own envelope writers (Protocol.SocketIO's event writer), which share this per-thread writer.
    internal static Utf8JsonWriter RentWriter(IBufferWriter<byte> output)
    {
        var writer = t_writer;
        if (writer is null)
        {
            return new Utf8JsonWriter(output, WriterOptions);
        }

        t_writer = null;
        writer.Reset(output);
        return writer;
    }

    internal static void ReturnWriter(Utf8JsonWriter writer)
    {
        writer.Reset();
        t_writer = writer;
    }

    /// <summary>
    /// Moves a new reader onto its first token. Generated readers build the reader as their own local
    /// (<c>var reader = new Utf8JsonReader(json)</c>) and start it here: a reader returned through an <c>out</c> parameter
    /// is built in a temporary and copied, and the struct is large enough for that copy to show on the tick path.
    /// </summary>
    /// <param name="reader">A reader that has read nothing yet.</param>
    /// <returns><see langword="false"/> when the input is empty or does not start with JSON (a binary attachment).</returns>
    public static bool TryStart(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>For a JSON-action message: reads the object's <paramref name="property"/> value (or the whole object when it is empty).</summary>
    /// <param name="message">The inbound message.</param>
    /// <param name="property">The data property, or empty for the whole object.</param>
    /// <param name="reader">A reader positioned on the value's first token.</param>
    /// <returns><see langword="false"/> when there is no such value, or the envelope before it is malformed.</returns>
    public static bool TryGetActionData(MessageView message, ReadOnlySpan<byte> property, out Utf8JsonReader reader)
    {
        if (!message.TryGetArgumentReader(0, out reader))
        {
            return false;
        }

        return TryMoveToActionData(ref reader, property);
    }

    /// <summary>
    /// For a JSON-action message: moves a reader started on the envelope object (<see cref="TryStart"/>) to its
    /// <paramref name="property"/> value; with an empty <paramref name="property"/> the reader stays on the whole object.
    /// </summary>
    /// <param name="reader">A reader on the envelope's first token.</param>
    /// <param name="property">The data property, or empty for the whole object.</param>
    /// <returns><see langword="false"/> when there is no such value, or the envelope before it is malformed.</returns>
    public static bool TryMoveToActionData(ref Utf8JsonReader reader, ReadOnlySpan<byte> property)
    {
        if (property.IsEmpty)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!HasValidText(ref reader))
                {
                    return false;
                }

                var match = reader.ValueTextEquals(property);
                if (!reader.Read())
                {
                    return false;
                }

                if (match)
                {
                    return true;
                }

                if (!reader.TrySkip())
                {
                    return false;
                }
            }
        }
        catch (JsonException)
        {
            // The envelope before the data is not JSON (a server that cut or garbled the frame): there is no data to give.
        }

        return false;
    }

    /// <summary>
    /// Reads whatever follows the value the reader is on, to the end of its input, so a frame that is malformed after the data (cut off,
    /// garbage after the last property) is refused as a whole rather than read in part.
    /// </summary>
    /// <param name="reader">The reader, on the last token of the value that was read.</param>
    /// <returns><see langword="false"/> when the rest of the input is not well-formed JSON.</returns>
    public static bool TryReadToEnd(ref Utf8JsonReader reader)
    {
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether the message's payload is well-formed JSON (or empty): the check for messages that carry no data to read.</summary>
    /// <param name="message">The inbound message.</param>
    /// <returns><see langword="false"/> when the payload is not well-formed JSON.</returns>
    public static bool IsWellFormed(MessageView message)
    {
        if (message.Payload.IsEmpty)
        {
            return true;
        }

        var reader = new Utf8JsonReader(message.Payload);
        return TryReadToEnd(ref reader);
    }

    /// <summary>
    /// Whether the string or property name the reader is on is valid text: well-formed UTF-8 whose <c>\u</c> escapes pair their
    /// surrogates. <see cref="Utf8JsonReader"/> accepts <c>"\ud83d"</c> (a JavaScript server that cut an emoji in half sends it) but
    /// throws <see cref="InvalidOperationException"/> when asked to decode or compare it; readers check here first and return false.
    /// </summary>
    /// <param name="reader">A reader on a <see cref="JsonTokenType.String"/> or <see cref="JsonTokenType.PropertyName"/> token.</param>
    /// <returns><see langword="true"/> when the text can be decoded.</returns>
    public static bool HasValidText(ref Utf8JsonReader reader) => JsonStringUnicode.IsValidUnicode(reader);

    /// <summary>Moves past the current value (the reader stays on its last token).</summary>
    /// <param name="reader">The reader.</param>
    /// <returns><see langword="false"/> when the value is incomplete.</returns>
    public static bool TrySkipValue(ref Utf8JsonReader reader) => reader.TrySkip();

    /// <summary>
    /// Moves past a list element that did not have the declared shape, so the rest of the list can still be read: true only when the
    /// element is complete and all its text valid (see <see cref="HasValidText"/>). Generated readers skip and count such an element; an
    /// element with malformed text (a lone surrogate) is not an odd row but a damaged frame, and fails the whole value.
    /// </summary>
    /// <param name="reader">The reader, on the element's first token; it ends on the element's last token.</param>
    /// <returns><see langword="false"/> when the element is incomplete or holds invalid text.</returns>
    public static bool TrySkipElement(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return reader.TokenType != JsonTokenType.String || HasValidText(ref reader);
        }

        var depth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !HasValidText(ref reader))
            {
                return false;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a string; a JSON number is accepted as its text (PocketOption's <c>requestId</c> arrives both ways).</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The text, or <see langword="null"/> for a JSON null.</param>
    /// <returns><see langword="false"/> for any other token.</returns>
    public static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence:
                // The common case (a symbol, an id): plain bytes in one span. ASCII needs no UTF-8 validation and widens in one
                // pass; anything else is validated once by a non-throwing transcode instead of a check followed by GetString.
                value = ReadPlainString(reader.ValueSpan);
                return value is not null;
            case JsonTokenType.String when HasValidText(ref reader):
                value = reader.GetString();
                return true;
            case JsonTokenType.Number:
                // ValueSpan is empty when the token spans segments; the sequence then holds the digits.
                value = reader.HasValueSequence ? System.Text.EncodingExtensions.GetString(System.Text.Encoding.UTF8, reader.ValueSequence) : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                return true;
            case JsonTokenType.Null:
                value = null;
                return true;
            default:
                value = null;
                return false;
        }
    }

    // Unescaped string text as a string, or null when it is not valid UTF-8 (GetString would throw on it).
    private static string? ReadPlainString(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Ascii.IsValid(utf8))
        {
            // Every ASCII byte is its own Latin-1 char: one widening copy into the new string, no decoder state.
            return System.Text.Encoding.Latin1.GetString(utf8);
        }

        return System.Text.Unicode.Utf8.IsValid(utf8) ? System.Text.Encoding.UTF8.GetString(utf8) : null;
    }

    /// <summary>Reads a boolean: <c>true</c>/<c>false</c>, or the numbers <c>1</c>/<c>0</c>.</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> for any other token.</returns>
    public static bool TryReadBoolean(ref Utf8JsonReader reader, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            case JsonTokenType.Number when reader.TryGetInt64(out var n) && n is 0 or 1:
                value = n == 1;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Whether the reader is on a JSON null.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns><see langword="true"/> on <c>null</c>.</returns>
    public static bool IsNull(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null;

    /// <summary>Reads an <see cref="int"/> from a number or numeric string.</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadInt32(ref Utf8JsonReader reader, out int value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt32(out value);
        }

        return TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out int v, out int c) => Utf8Parser.TryParse(s, out v, out c));
    }

    /// <summary>Reads a <see cref="long"/> from a number or numeric string.</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadInt64(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out value);
        }

        return TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out long v, out int c) => Utf8Parser.TryParse(s, out v, out c));
    }

    /// <summary>Reads a <see cref="uint"/> from a number or numeric string.</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadUInt32(ref Utf8JsonReader reader, out uint value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetUInt32(out value);
        }

        return TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out uint v, out int c) => Utf8Parser.TryParse(s, out v, out c));
    }

    /// <summary>Reads a <see cref="ulong"/> from a number or numeric string.</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadUInt64(ref Utf8JsonReader reader, out ulong value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetUInt64(out value);
        }

        return TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out ulong v, out int c) => Utf8Parser.TryParse(s, out v, out c));
    }

    /// <summary>Reads a <see cref="short"/> from a number or numeric string.</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadInt16(ref Utf8JsonReader reader, out short value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt16(out value);
        }

        return TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out short v, out int c) => Utf8Parser.TryParse(s, out v, out c));
    }

    /// <summary>Reads a <see cref="byte"/> from a number or numeric string.</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadByte(ref Utf8JsonReader reader, out byte value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetByte(out value);
        }

        return TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out byte v, out int c) => Utf8Parser.TryParse(s, out v, out c));
    }

    /// <summary>Reads a finite <see cref="double"/> from a number or numeric string.</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadDouble(ref Utf8JsonReader reader, out double value)
    {
        if (IsPlainToken(ref reader) && PlainNumber.TryParseDouble(reader.ValueSpan, out value))
        {
            return true;
        }

        var read = reader.TokenType == JsonTokenType.Number
            ? reader.TryGetDouble(out value)
            : TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out double v, out int c) => Utf8Parser.TryParse(s, out v, out c));

        // 1e400 parses as infinity, which no JSON writer can write back: out of range, so unreadable.
        return read && double.IsFinite(value);
    }

    /// <summary>
    /// Reads a <see cref="double"/> that may be non-finite (<c>[WireAllowNonFinite]</c>): a number or numeric string, <c>1e999</c> as
    /// infinity, or <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
    /// </summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadDoubleAllowNonFinite(ref Utf8JsonReader reader, out double value)
    {
        if (TryReadNamedLiteral(ref reader, out value))
        {
            return true;
        }

        return reader.TokenType == JsonTokenType.Number
            ? reader.TryGetDouble(out value)
            : TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out double v, out int c) => Utf8Parser.TryParse(s, out v, out c));
    }

    /// <summary>Reads a <see cref="float"/> that may be non-finite (see <see cref="TryReadDoubleAllowNonFinite"/>).</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadSingleAllowNonFinite(ref Utf8JsonReader reader, out float value)
    {
        if (TryReadNamedLiteral(ref reader, out var named))
        {
            value = (float)named;
            return true;
        }

        return reader.TokenType == JsonTokenType.Number
            ? reader.TryGetSingle(out value)
            : TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out float v, out int c) => Utf8Parser.TryParse(s, out v, out c));
    }

    /// <summary>Writes a <see cref="double"/> that may be non-finite: a number (or numeric string), else <c>"NaN"</c>, <c>"Infinity"</c> or <c>"-Infinity"</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value.</param>
    /// <param name="asString">Whether a finite value is written as a string too (<c>[WireNumberAsString]</c>).</param>
    public static void WriteAllowNonFinite(Utf8JsonWriter writer, double value, bool asString)
    {
        if (double.IsNaN(value))
        {
            writer.WriteStringValue("NaN"u8);
        }
        else if (double.IsInfinity(value))
        {
            writer.WriteStringValue(value > 0 ? "Infinity"u8 : "-Infinity"u8);
        }
        else if (asString)
        {
            WriteStringNumber(writer, value);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }

    /// <summary>Writes a <see cref="float"/> that may be non-finite (see the <see cref="double"/> overload).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value.</param>
    /// <param name="asString">Whether a finite value is written as a string too.</param>
    public static void WriteAllowNonFinite(Utf8JsonWriter writer, float value, bool asString)
    {
        if (float.IsFinite(value))
        {
            if (asString)
            {
                WriteStringNumber(writer, value);
            }
            else
            {
                writer.WriteNumberValue(value);
            }

            return;
        }

        WriteAllowNonFinite(writer, (double)value, asString);
    }

    private static bool TryReadNamedLiteral(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.String || !HasValidText(ref reader))
        {
            return false;
        }

        if (reader.ValueTextEquals("NaN"u8))
        {
            value = double.NaN;
        }
        else if (reader.ValueTextEquals("Infinity"u8))
        {
            value = double.PositiveInfinity;
        }
        else if (reader.ValueTextEquals("-Infinity"u8))
        {
            value = double.NegativeInfinity;
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>Reads a finite <see cref="float"/> from a number or numeric string.</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadSingle(ref Utf8JsonReader reader, out float value)
    {
        var read = reader.TokenType == JsonTokenType.Number
            ? reader.TryGetSingle(out value)
            : TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out float v, out int c) => Utf8Parser.TryParse(s, out v, out c));

        // 1e39 is infinity as a float, which no JSON writer can write back: out of range, so unreadable.
        return read && float.IsFinite(value);
    }

    /// <summary>Reads a <see cref="decimal"/> from a number (<c>1.5</c>) or numeric string (<c>"1.5"</c>).</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when it is not such a number.</returns>
    public static bool TryReadDecimal(ref Utf8JsonReader reader, out decimal value)
    {
        // The common case alone here: a method with a stackalloc gets a larger frame and a stack-cookie check on every call,
        // which a price read on every tick paid though it almost never reaches the exponent path.
        if ((IsPlainToken(ref reader) && PlainNumber.TryParseDecimal(reader.ValueSpan, out value))
            || (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out value)))
        {
            return true;
        }

        return TryReadDecimalSlow(ref reader, out value);
    }

    // A number token, or a string token (PocketOption sends prices as "1.08350"), whose bytes lie unescaped in one span: what
    // PlainNumber can read in place. Anything else takes the reader's or Utf8Parser's path.
    private static bool IsPlainToken(ref Utf8JsonReader reader)
        => !reader.HasValueSequence && (reader.TokenType == JsonTokenType.Number || (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool TryReadDecimalSlow(ref Utf8JsonReader reader, out decimal value)
    {
        value = default;
        if (reader.TokenType == JsonTokenType.Number)
        {
            // Exponent forms (1e-5) are valid JSON numbers that TryGetDecimal refuses; Utf8Parser's default format takes them.
            scoped ReadOnlySpan<byte> number = reader.ValueSpan;
            Span<byte> buffer = stackalloc byte[MaxNumberLength];
            if (reader.HasValueSequence)
            {
                // ValueSpan is empty when the token spans segments: parse a copy of the sequence instead.
                if (reader.ValueSequence.Length > MaxNumberLength)
                {
                    return false;
                }

                reader.ValueSequence.CopyTo(buffer);
                number = buffer[..(int)reader.ValueSequence.Length];
            }

            return Utf8Parser.TryParse(number, out value, out var consumed) && consumed == number.Length;
        }

        return TryParseString(ref reader, out value, static (scoped ReadOnlySpan<byte> s, out decimal v, out int c) => Utf8Parser.TryParse(s, out v, out c));
    }

    /// <summary>The value with the scale <paramref name="format"/> asks for (the number is the same; only the digits written change).</summary>
    /// <param name="value">The value.</param>
    /// <param name="format">How it is to be written.</param>
    /// <returns>The value to write.</returns>
    public static decimal FormatDecimal(decimal value, Protocol.WireDecimalFormat format) => format switch
    {
        // Dividing by 1 with 28 zeros keeps the value and drops trailing zeros; adding 0.0 raises a scale of 0 to 1 (decimal addition
        // keeps the larger scale).
        Protocol.WireDecimalFormat.Trimmed => value / 1.0000000000000000000000000000m,
        Protocol.WireDecimalFormat.AtLeastOneDecimal => value + 0.0m,
        _ => value,
    };

    /// <summary>Writes a <see cref="decimal"/> as a JSON string (<c>"1.5"</c>).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value.</param>
    public static void WriteStringNumber(Utf8JsonWriter writer, decimal value)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        Utf8Formatter.TryFormat(value, buffer, out var written);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>Writes a <see cref="double"/> as a JSON string.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value.</param>
    public static void WriteStringNumber(Utf8JsonWriter writer, double value)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        value.TryFormat(buffer, out var written, "R", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>Writes a <see cref="float"/> as a JSON string.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value.</param>
    public static void WriteStringNumber(Utf8JsonWriter writer, float value)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        value.TryFormat(buffer, out var written, "R", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>Writes a <see cref="long"/> as a JSON string.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value.</param>
    public static void WriteStringNumber(Utf8JsonWriter writer, long value)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        Utf8Formatter.TryFormat(value, buffer, out var written);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>Writes a <see cref="ulong"/> as a JSON string.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="value">The value.</param>
    public static void WriteStringNumber(Utf8JsonWriter writer, ulong value)
    {
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        Utf8Formatter.TryFormat(value, buffer, out var written);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>
    /// Collects array elements and returns one exact-size array, so a read allocates only its result. The first element
    /// is held inline and the rest in pooled storage: a one-element array (a single tick, a single order) never touches
    /// the pool.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    public struct ArrayBuilder<T>
    {
        private T _first;
        private T[]? _rest;
        private int _count;

        /// <summary>Adds an element.</summary>
        /// <param name="item">The element.</param>
        public void Add(T item)
        {
            Next() = item;
            Commit();
        }

        /// <summary>
        /// The storage of the next element, for a reader that writes the element in place (then <see cref="Commit"/>): a struct read
        /// into a local and then added was copied whole with wide loads right after its fields were stored one by one, a
        /// store-forwarding stall on every element. Until committed the slot is not an element; the next call returns it again.
        /// </summary>
        /// <returns>The slot.</returns>
        [System.Diagnostics.CodeAnalysis.UnscopedRef]
        public ref T Next()
        {
            if (_count == 0)
            {
                return ref _first;
            }

            var index = _count - 1;
            if (_rest is null)
            {
                _rest = ArrayPool<T>.Shared.Rent(16);
            }
            else if (index == _rest.Length)
            {
                var larger = ArrayPool<T>.Shared.Rent(_rest.Length * 2);
                _rest.AsSpan(0, index).CopyTo(larger);
                ReturnRest(index);
                _rest = larger;
            }

            return ref _rest[index];
        }

        /// <summary>Makes the slot <see cref="Next"/> returned an element.</summary>
        public void Commit() => _count++;

        /// <summary>Copies the elements to a new array and returns the pooled storage.</summary>
        /// <returns>The elements.</returns>
        public T[] ToArrayAndReturn()
        {
            if (_count == 0)
            {
                Return();
                return [];
            }

            var result = new T[_count];
            result[0] = _first;
            if (_count > 1)
            {
                _rest.AsSpan(0, _count - 1).CopyTo(result.AsSpan(1));
            }

            Return();
            return result;
        }

        /// <summary>Returns the pooled storage without producing an array (a read that failed).</summary>
        public void Return()
        {
            _first = default!;
            ReturnRest(_count);
            _count = 0;
        }

        // used: the slots that may hold a value (the elements, and a slot Next handed out and a failed read left behind).
        private void ReturnRest(int used)
        {
            if (_rest is not null)
            {
                _rest.AsSpan(0, Math.Min(used, _rest.Length)).Clear();
                ArrayPool<T>.Shared.Return(_rest);
                _rest = null;
            }
        }
    }

    private delegate bool Utf8Parse<T>(scoped ReadOnlySpan<byte> source, out T value, out int consumed);

    private static bool TryParseString<T>(ref Utf8JsonReader reader, out T value, Utf8Parse<T> parse)
    {
        value = default!;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        scoped ReadOnlySpan<byte> text;
        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            if ((reader.HasValueSequence ? reader.ValueSequence.Length > MaxNumberLength : reader.ValueSpan.Length > MaxNumberLength) || !HasValidText(ref reader))
            {
                return false;
            }

            var length = reader.CopyString(buffer);
            text = buffer[..length];
        }
        else
        {
            text = reader.ValueSpan;
        }

        return !text.IsEmpty && parse(text, out value, out var consumed) && consumed == text.Length;
    }
}
