using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Protocol.Testing.Scripts;

// Replaying a recording: the values a client makes up per run (request ids, indexes) are learned from what it sends and
// put into the recorded answers in place of the recorded ones, by position per key.
internal sealed class ScriptCorrelation(IReadOnlySet<string> keys)
{
    private readonly Dictionary<string, Dictionary<string, string>> _map = new(StringComparer.Ordinal);

    // The event name of a frame: the first element of a Socket.IO event array, or the JSON-action name property.
    public static string? EventName(string frame, string? actionProperty)
    {
        var start = frame.IndexOfAny(['[', '{']);
        if (start < 0)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(frame[start..]));
            if (!reader.Read())
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                return reader.Read() && reader.TokenType is JsonTokenType.String or JsonTokenType.Number ? Literal(ref reader).Trim('"') : null;
            }

            while (actionProperty is not null && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals(actionProperty);
                reader.Read();
                if (isName && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    // Pairs the correlation values of the recorded frame with those the client sent, in the order they appear.
    public void Learn(string recorded, string sent)
    {
        foreach (var key in keys)
        {
            var expected = Values(recorded, key);
            var actual = Values(sent, key);
            for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            {
                if (!_map.TryGetValue(key, out var values))
                {
                    _map[key] = values = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                values[expected[i]] = actual[i];
            }
        }
    }

    public string Apply(string text)
    {
        foreach (var (key, values) in _map)
        {
            foreach (var (recorded, actual) in values)
            {
                text = Regex.Replace(
                    text,
                    "(\"" + Regex.Escape(key) + "\"\\s*:\\s*)" + Regex.Escape(recorded) + "(?=\\s*[,}\\]])",
                    m => m.Groups[1].Value + actual,
                    RegexOptions.CultureInvariant,
                    TimeSpan.FromSeconds(1));
            }
        }

        return text;
    }

    public byte[] Apply(byte[] bytes)
        => _map.Count == 0 || !Utf8.IsValid(bytes) ? bytes : Encoding.UTF8.GetBytes(Apply(Encoding.UTF8.GetString(bytes)));

    // The raw JSON literals (strings with their quotes) of every property named key, in document order.
    private static List<string> Values(string frame, string key)
    {
        var values = new List<string>();
        var start = frame.IndexOfAny(['[', '{']);
        if (start < 0)
        {
            return values;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(frame[start..]));
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(key) && reader.Read()
                    && reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False)
                {
                    values.Add(Literal(ref reader));
                }
            }
        }
        catch (JsonException)
        {
        }

        return values;
    }

    private static string Literal(ref Utf8JsonReader reader)
    {
        var raw = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        return reader.TokenType == JsonTokenType.String ? "\"" + raw + "\"" : raw;
    }
}
