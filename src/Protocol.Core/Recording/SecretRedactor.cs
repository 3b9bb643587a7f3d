using System.Text;
using System.Text.Unicode;
using System.Text.RegularExpressions;

namespace Protocol;

// Rewrites the value of every secret key in a JSON text to "[redacted]". A regular expression (time-boxed) rather than a
// JSON parse because frames are not JSON as a whole (Socket.IO prefixes like 451-) and a cut-off or malformed frame must
// still be redacted, never recorded as it came.
internal sealed class SecretRedactor
{
    private const string Redacted = "\"[redacted]\"";
    private readonly Regex? _pattern;

    public SecretRedactor(IEnumerable<string> keys)
    {
        var names = keys.Where(k => !string.IsNullOrEmpty(k)).Select(Regex.Escape).ToArray();
        if (names.Length > 0)
        {
            // "key" : value, where value is a string (escapes allowed), a number, true/false/null, or an unterminated string.
            _pattern = new Regex(
                "(\"(?:" + string.Join('|', names) + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)|-?[0-9][0-9.eE+-]*|true|false|null)",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));
        }
    }

    public string Redact(string text)
    {
        if (_pattern is null)
        {
            return text;
        }

        try
        {
            return _pattern.Replace(text, m => m.Groups[1].Value + Redacted);
        }
        catch (RegexMatchTimeoutException)
        {
            // A frame too odd to redact in time is not recorded at all rather than recorded with its secrets.
            return "[a frame the recorder could not redact in time; left out]";
        }
    }

    // An attachment is redacted only when it is UTF-8 text (PocketOption's are JSON); other bytes are kept as they are.
    public byte[] Redact(ReadOnlySpan<byte> bytes)
    {
        if (_pattern is null || !Utf8.IsValid(bytes))
        {
            return bytes.ToArray();
        }

        return Encoding.UTF8.GetBytes(Redact(Encoding.UTF8.GetString(bytes)));
    }
}
