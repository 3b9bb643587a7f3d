using System.Text.Json;

namespace Protocol;

/// <summary>
/// The one rule for an attachment reference, <c>{"_placeholder":true,"num":k}</c>, wherever it stands: a whole argument
/// (the Socket.IO mapper's layout) or a value nested in one (a generated binary member). As socket.io-parser's
/// <c>reconstructPacket</c> reads it: an object whose <c>_placeholder</c> is <c>true</c> is a placeholder, its other keys
/// are ignored, keys may come in any order and the last of a repeated key wins. Stricter than the parser only where it
/// would substitute <c>undefined</c>: <c>num</c> must be a non-negative 32-bit integer.
/// </summary>
internal static class AttachmentPlaceholder
{
    /// <summary>
    /// When <paramref name="reader"/> is on the <c>{</c> of a placeholder, reads its number and moves the reader to the
    /// matching <c>}</c>; otherwise leaves the reader where it was.
    /// </summary>
    /// <param name="reader">A reader on a value token, over complete input.</param>
    /// <param name="num">The attachment number when the result is true.</param>
    /// <returns>True when the value is a placeholder.</returns>
    public static bool TryRead(ref Utf8JsonReader reader, out int num)
    {
        num = -1;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var scan = reader; // a copy: scanning does not move the caller's reader
        var depth = scan.CurrentDepth;
        var placeholder = false;
        var found = -1;
        while (scan.Read() && !(scan.TokenType == JsonTokenType.EndObject && scan.CurrentDepth == depth))
        {
            if (scan.TokenType != JsonTokenType.PropertyName || scan.CurrentDepth != depth + 1)
            {
                continue;
            }

            // Keys are the peer's data: one escaping a lone surrogate is just another key, never an exception.
            var isFlag = JsonStringUnicode.ValueTextEquals(scan, "_placeholder"u8);
            var isNum = !isFlag && JsonStringUnicode.ValueTextEquals(scan, "num"u8);
            scan.Read();
            if (isFlag)
            {
                placeholder = scan.TokenType == JsonTokenType.True;
            }
            else if (isNum)
            {
                found = scan.TokenType == JsonTokenType.Number && scan.TryGetInt32(out var n) ? n : -1;
            }

            if (scan.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                scan.Skip();
            }
        }

        if (!placeholder || found < 0 || scan.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        num = found;
        reader = scan;
        return true;
    }
}
