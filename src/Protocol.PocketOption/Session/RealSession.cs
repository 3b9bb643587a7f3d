using System.Globalization;
using System.Text;

namespace Protocol.PocketOption.Session;

/// <summary>
/// The session a real account's SSID carries: a PHP-serialized array (<c>a:4:{s:10:"session_id";s:32:"…";…}</c>) with the
/// session id, the IP address and the user agent it was issued to, optionally followed by a 32-hex-digit hash.
/// </summary>
internal sealed record RealSession(string SessionId, string IpAddress, string UserAgent, long? LastActivity, bool HasHash)
{
    private const int HashLength = 32;

    /// <summary>Says only whether the hash is present: the session id, IP address and user agent are secrets.</summary>
    public override string ToString() => HasHash ? "real session (with hash)" : "real session (without hash)";

    /// <summary>Parses the session; on failure <paramref name="problem"/> says what is wrong without quoting the session.</summary>
    public static bool TryParse(string session, out RealSession? result, out string problem)
    {
        result = null;
        var bytes = Encoding.UTF8.GetBytes(session);
        var reader = new PhpReader(bytes);
        if (!reader.TryReadArrayHeader(out var count))
        {
            problem = "it is a real account's SSID (isDemo is 0 and currentUrl does not mention demo), but its \"session\" is not the " +
                      "PHP-serialized session a real account's SSID carries (it starts with a:4:{s:10:\"session_id\";…). " +
                      "If this is a demo account's SSID, it needs \"isDemo\":1; a \"sessionToken\" or a cookie value is not a real account's session.";
            return false;
        }
        string? sessionId = null, ip = null, userAgent = null;
        long? lastActivity = null;
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadKey(out var key) || !reader.TryReadValue(out var text, out var number))
            {
                problem = $"its \"session\" is a PHP-serialized array whose entry {i + 1} of {count} is malformed (byte {reader.Position}); the session was cut or edited.";
                return false;
            }
            switch (key)
            {
                case "session_id": sessionId = text; break;
                case "ip_address": ip = text; break;
                case "user_agent": userAgent = text; break;
                case "last_activity": lastActivity = number; break;
            }
        }
        if (!reader.TryReadByte((byte)'}'))
        {
            problem = $"its \"session\" is a PHP-serialized array that does not end after its {count} entries (byte {reader.Position}); the session was cut or edited.";
            return false;
        }
        var rest = bytes.AsSpan(reader.Position);
        var hasHash = rest.Length == HashLength && IsHex(rest);
        if (rest.Length != 0 && !hasHash)
        {
            problem = $"its \"session\" has {rest.Length} bytes after the PHP-serialized array where nothing or a {HashLength}-hex-digit hash belongs; the session was cut or edited.";
            return false;
        }
        var missing = sessionId is null ? "session_id" : ip is null ? "ip_address" : userAgent is null ? "user_agent" : null;
        if (missing is not null)
        {
            problem = $"its \"session\" is a PHP-serialized array without the \"{missing}\" string entry a real account's session has.";
            return false;
        }
        result = new RealSession(sessionId!, ip!, userAgent!, lastActivity, hasHash);
        problem = "";
        return true;
    }

    private static bool IsHex(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (!char.IsAsciiHexDigit((char)b)) return false;
        }
        return true;
    }

    // PHP serialize() grammar, the subset a session array uses: string keys, string/int/bool/float/null values.
    // String lengths are in bytes, hence the UTF-8 span.
    private ref struct PhpReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; }

        public bool TryReadByte(byte expected)
        {
            if (Position < _data.Length && _data[Position] == expected)
            {
                Position++;
                return true;
            }
            return false;
        }

        public bool TryReadArrayHeader(out int count)
        {
            count = 0;
            if (!TryReadByte((byte)'a') || !TryReadByte((byte)':') || !TryReadInteger((byte)':', out var n) || n is < 0 or > 64) return false;
            count = (int)n;
            return TryReadByte((byte)'{');
        }

        public bool TryReadKey(out string? key)
        {
            key = null;
            if (Position >= _data.Length) return false;
            if (_data[Position] == (byte)'i')
            {
                Position++;
                return TryReadByte((byte)':') && TryReadInteger((byte)';', out _);
            }
            return TryReadString(out key);
        }

        public bool TryReadValue(out string? text, out long? number)
        {
            text = null;
            number = null;
            if (Position >= _data.Length) return false;
            switch (_data[Position])
            {
                case (byte)'s':
                    return TryReadString(out text);
                case (byte)'i':
                case (byte)'b':
                    Position++;
                    if (!TryReadByte((byte)':') || !TryReadInteger((byte)';', out var n)) return false;
                    number = n;
                    return true;
                case (byte)'d':
                    Position++;
                    if (!TryReadByte((byte)':')) return false;
                    var end = _data[Position..].IndexOf((byte)';');
                    if (end < 0) return false;
                    Position += end + 1;
                    return true;
                case (byte)'N':
                    Position++;
                    return TryReadByte((byte)';');
                default:
                    return false;
            }
        }

        private bool TryReadString(out string? value)
        {
            value = null;
            if (!TryReadByte((byte)'s') || !TryReadByte((byte)':') || !TryReadInteger((byte)':', out var length) ||
                !TryReadByte((byte)'"') || length < 0 || length > _data.Length - Position)
            {
                return false;
            }
            value = Encoding.UTF8.GetString(_data.Slice(Position, (int)length));
            Position += (int)length;
            return TryReadByte((byte)'"') && TryReadByte((byte)';');
        }

        private bool TryReadInteger(byte terminator, out long value)
        {
            value = 0;
            var end = _data[Position..].IndexOf(terminator);
            if (end <= 0 || end > 20) return false;
            if (!long.TryParse(_data.Slice(Position, end), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return false;
            Position += end + 1;
            return true;
        }
    }
}
