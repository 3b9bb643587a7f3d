using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Protocol.Infrastructure;

/// <summary>Helpers the generated configuration readers call.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConfigJson
{
    /// <summary>
    /// Whether a JSON or configuration key names a property: compared case-insensitively with underscores and dashes ignored, so
    /// <c>max_allowed_loops</c>, <c>maxAllowedLoops</c> and <c>MaxAllowedLoops</c> all match.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="propertyName">The C# property name.</param>
    /// <returns><see langword="true"/> when they match.</returns>
    public static bool KeyMatches(string key, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(propertyName);
        var j = 0;
        foreach (var c in key)
        {
            if (c is '_' or '-')
            {
                continue;
            }

            if (j >= propertyName.Length || char.ToUpperInvariant(c) != char.ToUpperInvariant(propertyName[j]))
            {
                return false;
            }

            j++;
        }

        return j == propertyName.Length;
    }

    /// <summary>Parses a duration: a number is seconds, text is a <see cref="TimeSpan"/> (<c>00:00:05</c>) or seconds.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The duration.</param>
    /// <returns><see langword="false"/> when the text is neither.</returns>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a JSON value as text: strings as they are, numbers and booleans as their literal, null as <see langword="null"/>.</summary>
    /// <param name="reader">The reader on the value.</param>
    /// <param name="text">The text.</param>
    /// <returns><see langword="false"/> for objects and arrays.</returns>
    public static bool TryReadScalar(ref Utf8JsonReader reader, out string? text)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                text = reader.GetString();
                return true;
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                text = Encoding.UTF8.GetString(reader.ValueSpan);
                return true;
            case JsonTokenType.Null:
                text = null;
                return true;
            default:
                text = null;
                return false;
        }
    }
}
