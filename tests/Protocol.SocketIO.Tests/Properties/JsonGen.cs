using System.Globalization;
using System.Text;
using CsCheck;

namespace Protocol.SocketIO.Tests.Properties;

/// <summary>
/// Generators of JSON text (not values: the codec works on bytes), including what the wire allows and parsers trip on:
/// escapes, control characters, non-ASCII, lone and paired surrogates as <c>\uXXXX</c>, huge and odd numbers.
/// </summary>
internal static class JsonGen
{
    /// <summary>Any UTF-16 code unit, weighted toward the ones JSON and the codec treat specially.</summary>
    public static readonly Gen<char> Char = Gen.Frequency(
        (6, Gen.Char.AlphaNumeric),
        (2, Gen.OneOf('"', '\\', '/', ' ', '\n', '\t', '\0', '\u001f', '\u007f', 'é', '€', '\u2028', ',', '[', '{', '_')),
        (1, Gen.Char['\ud800', '\udfff']),
        (1, Gen.Char));

    /// <summary>Text that may hold lone surrogates (data: the application's business).</summary>
    public static readonly Gen<string> AnyText = Char.Array[0, 10].Select(chars => new string(chars));

    /// <summary>Valid Unicode text (names must be): surrogates only as pairs.</summary>
    public static readonly Gen<string> UnicodeText = Gen.Frequency(
            (4, Gen.Char.AlphaNumeric.Array[1, 8].Select(chars => new string(chars))),
            (1, Char.Array[0, 8].Select(chars => WithoutLoneSurrogates(new string(chars)))),
            (1, Gen.OneOf("😀", "a😀b", "é\"\\\n", "\u0000", "€uro", "٣")));

    /// <summary>A JSON number's text.</summary>
    public static readonly Gen<string> Number = Gen.Frequency(
        (3, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("0", "-0", "1e3", "1.5E-7", "123456789012345678901234567890", "-9223372036854775809", "1e400")));

    /// <summary>A JSON string literal (with quotes) of <see cref="AnyText"/>, sometimes with every character escaped.</summary>
    public static readonly Gen<string> String = Gen.Select(AnyText, Gen.Bool).Select(t => Quote(t.Item1, escapeAll: t.Item2));

    /// <summary>An object key; never <c>_placeholder</c>, so data objects are never mistaken for placeholders.</summary>
    public static readonly Gen<string> Key = String.Where(k => k != "\"_placeholder\"");

    /// <summary>Any JSON value, nested a few levels.</summary>
    public static readonly Gen<string> Value = Gen.Recursive<string>((depth, self) =>
    {
        var scalar = Gen.Frequency((1, Gen.OneOf("null", "true", "false")), (2, Number), (3, String));
        if (depth >= 3)
        {
            return scalar;
        }

        var array = self.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]");
        var obj = Gen.Select(Key, self).Array[0, 4].Select(Object);
        return Gen.Frequency((4, scalar), (1, array), (1, obj));
    });

    /// <summary>A JSON object.</summary>
    public static readonly Gen<string> ObjectValue = Gen.Select(Key, Value).Array[0, 4].Select(Object);

    /// <summary>A JSON string literal for <paramref name="text"/>: surrogates and control characters as <c>\uXXXX</c>.</summary>
    public static string Quote(string text, bool escapeAll = false)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (escapeAll || c < ' ' || char.IsSurrogate(c))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    private static string Object((string Key, string Value)[] members) =>
        "{" + string.Join(",", members.Select(m => m.Key + ":" + m.Value)) + "}";

    private static string WithoutLoneSurrogates(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(text, i++, 2);
            }
            else if (!char.IsSurrogate(text[i]))
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }
}
