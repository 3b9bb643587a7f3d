using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Protocol.Generators.Regions;

/// <summary>A parsed JSON value with the offset it started at (for diagnostics).</summary>
internal sealed class JsonNode
{
    public JsonNode(object? value, int offset)
    {
        Value = value;
        Offset = offset;
    }

    /// <summary>null, bool, double, string, List&lt;JsonNode&gt;, or List&lt;KeyValuePair&lt;string, JsonNode&gt;&gt;.</summary>
    public object? Value { get; }

    public int Offset { get; }
}

internal sealed class JsonParseException : Exception
{
    public JsonParseException(string message, int offset)
        : base(message) => Offset = offset;

    public int Offset { get; }
}

/// <summary>
/// A small recursive-descent JSON parser. System.Text.Json is deliberately not used inside the generator: an analyzer must carry its
/// whole dependency closure, and STJ in the analyzer load context fails in Visual Studio (roslyn#80811).
/// </summary>
internal ref struct MiniJson
{
    private readonly string _text;
    private int _pos;

    private MiniJson(string text)
    {
        _text = text;
        _pos = 0;
    }

    public static JsonNode Parse(string text)
    {
        var parser = new MiniJson(text);
        parser.SkipWhitespace();
        var value = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._pos != text.Length)
        {
            throw new JsonParseException("unexpected text after the JSON value", parser._pos);
        }

        return value;
    }

    private JsonNode ParseValue(int depth)
    {
        if (depth > 64)
        {
            throw new JsonParseException("nesting is too deep", _pos);
        }

        var start = _pos;
        if (_pos >= _text.Length)
        {
            throw new JsonParseException("unexpected end of file, a value was expected", _pos);
        }

        switch (_text[_pos])
        {
            case '{':
                _pos++;
                var members = new List<KeyValuePair<string, JsonNode>>();
                SkipWhitespace();
                if (TryConsume('}'))
                {
                    return new JsonNode(members, start);
                }

                while (true)
                {
                    SkipWhitespace();
                    if (_pos >= _text.Length || _text[_pos] != '"')
                    {
                        throw new JsonParseException("a property name in double quotes was expected", _pos);
                    }

                    var name = ParseString();
                    SkipWhitespace();
                    Expect(':');
                    SkipWhitespace();
                    members.Add(new KeyValuePair<string, JsonNode>(name, ParseValue(depth + 1)));
                    SkipWhitespace();
                    if (TryConsume('}'))
                    {
                        return new JsonNode(members, start);
                    }

                    Expect(',');
                }

            case '[':
                _pos++;
                var items = new List<JsonNode>();
                SkipWhitespace();
                if (TryConsume(']'))
                {
                    return new JsonNode(items, start);
                }

                while (true)
                {
                    SkipWhitespace();
                    items.Add(ParseValue(depth + 1));
                    SkipWhitespace();
                    if (TryConsume(']'))
                    {
                        return new JsonNode(items, start);
                    }

                    Expect(',');
                }

            case '"':
                return new JsonNode(ParseString(), start);
            case 't' when Match("true"):
                return new JsonNode(true, start);
            case 'f' when Match("false"):
                return new JsonNode(false, start);
            case 'n' when Match("null"):
                return new JsonNode(null, start);
            default:
                return new JsonNode(ParseNumber(), start);
        }
    }

    private string ParseString()
    {
        var start = _pos;
        _pos++;
        var sb = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c < ' ')
            {
                throw new JsonParseException("control characters must be escaped in strings", _pos - 1);
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (_pos >= _text.Length)
            {
                break;
            }

            var e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u' when _pos + 4 <= _text.Length && int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw new JsonParseException("invalid escape sequence", _pos - 2);
            }
        }

        throw new JsonParseException("unterminated string", start);
    }

    private double ParseNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && "+-0123456789.eE".IndexOf(_text[_pos]) >= 0)
        {
            _pos++;
        }

        if (_pos == start || !double.TryParse(_text.Substring(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new JsonParseException("a value (object, array, string, number, true, false or null) was expected", start);
        }

        return value;
    }

    private bool Match(string literal)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            return false;
        }

        _pos += literal.Length;
        return true;
    }

    private bool TryConsume(char c)
    {
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw new JsonParseException(_pos >= _text.Length ? $"unexpected end of file, '{c}' was expected" : $"'{c}' was expected", _pos);
        }
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\r' or '\n')
        {
            _pos++;
        }
    }
}
