using System.Text.Json;

namespace Protocol.SocketIO;

/// <summary>
/// The binary placeholder object <c>{"_placeholder":true,"num":k}</c> that stands for attachment k inside a
/// BINARY_EVENT / BINARY_ACK's JSON. Helpers to recognise it while reading and to write it.
/// </summary>
public static class SocketIOPlaceholder
{
    /// <summary>The placeholder for attachment 0, pre-encoded.</summary>
    public static ReadOnlySpan<byte> Zero => "{\"_placeholder\":true,\"num\":0}"u8;

    /// <summary>Tells whether a JSON value is a placeholder and which attachment it stands for.</summary>
    /// <param name="valueJson">The raw JSON of one value (for example one of <see cref="SocketIOPacket.Arguments"/>).</param>
    /// <param name="num">The attachment number when the result is true.</param>
    /// <returns>
    /// True for an object with <c>"_placeholder":true</c> and an integer <c>num</c> (other keys ignored, as socket.io-parser
    /// does, and as a placeholder nested in an argument is read); false for anything else, malformed JSON included (it never
    /// throws; a key that escapes a lone surrogate is just another key).
    /// </returns>
    public static bool TryParse(ReadOnlySpan<byte> valueJson, out int num)
    {
        num = -1;
        var reader = new Utf8JsonReader(valueJson, new JsonReaderOptions { MaxDepth = SocketIOPacketParser.MaxJsonDepth });
        try
        {
            return reader.Read() && TryRead(ref reader, out num);
        }
        catch (JsonException)
        {
            num = -1;
            return false;
        }
    }

    /// <summary>
    /// When <paramref name="reader"/> is on the <c>{</c> of a placeholder, reads its number and moves the reader to the
    /// matching <c>}</c>; otherwise leaves the reader where it was.
    /// </summary>
    /// <param name="reader">A reader positioned on a value token (over a complete, single-segment or multi-segment input).</param>
    /// <param name="num">The attachment number when the result is true.</param>
    /// <returns>True when the value is a placeholder.</returns>
    public static bool TryRead(ref Utf8JsonReader reader, out int num) => AttachmentPlaceholder.TryRead(ref reader, out num);

    /// <summary>Writes <c>{"_placeholder":true,"num":<paramref name="num"/>}</c> as the next value.</summary>
    /// <param name="writer">The JSON writer (for example inside an encoder arguments callback).</param>
    /// <param name="num">The attachment number, 0-based, in the order the attachments will be sent.</param>
    public static void Write(Utf8JsonWriter writer, int num)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(num);
        writer.WriteStartObject();
        writer.WriteBoolean("_placeholder"u8, true);
        writer.WriteNumber("num"u8, num);
        writer.WriteEndObject();
    }
}
