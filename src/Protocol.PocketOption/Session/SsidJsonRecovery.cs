using System.Text;
using System.Text.Json;

namespace Protocol.PocketOption.Session;

/// <summary>
/// Recovers an SSID object written with JavaScript's looser syntax (<c>{session:abc,isDemo:1}</c>, single quotes) as
/// JSON: bare keys and bare values other than true, false, null and numbers are quoted; single-quoted strings become
/// double-quoted. Double-quoted strings are copied untouched.
/// </summary>
internal static class SsidJsonRecovery
{
    public static string Recover(string text)
    {
        var output = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = EndOfQuoted(text, i, '"');
                output.Append(text, i, end - i);
                i = end;
            }
            else if (c == '\'')
            {
                var end = EndOfQuoted(text, i, '\'');
                var inner = text.AsSpan(i + 1, Math.Max(0, end - i - 2));
                AppendQuoted(output, Unescape(inner));
                i = end;
            }
            else if (IsStructural(c))
            {
                output.Append(c);
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !IsStructural(text[i]) && text[i] is not ('"' or '\'')) i++;
                var token = text.AsSpan(start, i - start);
                if (token is "true" or "false" or "null" || IsJsonNumber(token)) output.Append(token);
                else AppendQuoted(output, token.ToString());
            }
        }
        return output.ToString();
    }

    private static bool IsStructural(char c) => c is '{' or '}' or '[' or ']' or ',' or ':' || char.IsWhiteSpace(c);

    // The index after the closing quote (or the end of the text when it never closes: the JSON parse then fails).
    private static int EndOfQuoted(string text, int open, char quote)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == quote) return i + 1;
        }
        return text.Length;
    }

    private static string Unescape(ReadOnlySpan<char> inner) => inner.ToString().Replace("\\'", "'", StringComparison.Ordinal);

    private static void AppendQuoted(StringBuilder output, string value)
    {
        output.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') output.Append('\\');
            output.Append(c);
        }
        output.Append('"');
    }

    private static bool IsJsonNumber(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty || token.Length > 64) return false;
        Span<byte> bytes = stackalloc byte[token.Length * 3];
        var length = Encoding.UTF8.GetBytes(token, bytes);
        var reader = new Utf8JsonReader(bytes[..length]);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.BytesConsumed == length && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
