using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Protocol.PocketOption.Session;

/// <summary>
/// A PocketOption SSID: the auth message the web client sends after connecting, copied from the browser, which the client
/// replays to log in. Accepts the whole <c>42["auth",{…}]</c> frame or its bare object, the <c>sessionToken</c> alias of
/// <c>session</c>, and JavaScript-style unquoted keys; refuses a double-encoded (quoted or escaped) SSID.
/// </summary>
/// <remarks>
/// An SSID is a demo account's when <c>isDemo</c> is 1 or <c>currentUrl</c> mentions <c>demo</c>; otherwise it is a real
/// account's, whose <c>session</c> is the PHP-serialized session with the IP address and user agent it was issued to
/// (with or without its trailing 32-hex-digit hash). The session, IP address, user agent and uid are secrets:
/// <see cref="ToString"/> and every exception message leave them out.
/// </remarks>
/// <example><code>
/// var ssid = Ssid.Parse(Environment.GetEnvironmentVariable("POCKETOPTION_SSID")!);
/// Console.WriteLine(ssid); // PocketOption SSID (demo account, platform 2)
/// </code></example>
public sealed class Ssid
{
    private const string FramePrefix = "42";
    private const string EventName = "auth";

    private Ssid(bool isDemo, int platform, string session, long uid, string? currentUrl, RealSession? real, string authFrame)
    {
        IsDemo = isDemo;
        Platform = platform;
        Session = session;
        Uid = uid;
        CurrentUrl = currentUrl;
        Real = real;
        AuthFrame = authFrame;
    }

    /// <summary>True for a demo account's SSID, false for a real account's.</summary>
    public bool IsDemo { get; }

    /// <summary>The <c>platform</c> field (2 for the web client; 0 when absent).</summary>
    public int Platform { get; }

    /// <summary>The <c>session</c> value (a demo token, or a real account's PHP-serialized session). Secret.</summary>
    internal string Session { get; }

    /// <summary>The account's user id. Secret.</summary>
    internal long Uid { get; }

    /// <summary>The <c>currentUrl</c> field when present (usually a page path, not a URL to connect to).</summary>
    internal string? CurrentUrl { get; }

    /// <summary>A real account's session data (IP address, user agent); null for demo. Secret.</summary>
    internal RealSession? Real { get; }

    /// <summary>The user agent the session was issued to (real accounts only). Secret.</summary>
    internal string? UserAgent => Real?.UserAgent;

    /// <summary>The IP address the session was issued to (real accounts only). Secret.</summary>
    internal string? IpAddress => Real?.IpAddress;

    /// <summary>The exact <c>42["auth",{…}]</c> text frame to send to log in, with every key of the SSID kept. Secret.</summary>
    internal string AuthFrame { get; }

    /// <summary>Parses an SSID.</summary>
    /// <param name="text">The SSID as copied from the browser: the whole <c>42["auth",{…}]</c> message or its <c>{…}</c> object.</param>
    /// <returns>The SSID.</returns>
    /// <exception cref="SsidFormatException">It is not a valid SSID; the message names the field and says how to copy one.</exception>
    public static Ssid Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new SsidFormatException("it is empty.");
        var trimmed = text.Trim();
        if (trimmed[0] is '"' or '\'')
        {
            throw new SsidFormatException(
                "it is double-encoded: it is wrapped in quotes, as a JSON or code string holding the SSID is. Pass the text inside the quotes, with its escapes (\\\") undone.");
        }
        var objectText = trimmed[0] == '{' ? trimmed : ObjectOfFrame(trimmed);
        var (json, recovered) = ParseObject(objectText);
        using (json)
        {
            return FromObject(json.RootElement, objectText, recovered);
        }
    }

    /// <summary>Parses an SSID without throwing.</summary>
    /// <param name="text">The SSID as copied from the browser.</param>
    /// <param name="ssid">The SSID, when it returns true.</param>
    /// <param name="error">Why it is not valid (without any of its secrets), when it returns false.</param>
    /// <returns>True when <paramref name="text"/> is a valid SSID.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Ssid? ssid, [NotNullWhen(false)] out SsidFormatException? error)
    {
        try
        {
            ssid = Parse(text);
            error = null;
            return true;
        }
        catch (SsidFormatException ex)
        {
            ssid = null;
            error = ex;
            return false;
        }
    }

    /// <summary>Describes the SSID without its secrets: the account type and platform only.</summary>
    /// <returns>E.g. <c>PocketOption SSID (real account, platform 2)</c>.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"PocketOption SSID ({(IsDemo ? "demo" : "real")} account, platform {Platform})");

    // 42["auth",{…}] (or ["auth",{…}]; 'auth' and bare auth as browsers' consoles print them) -> the {…} text.
    private static string ObjectOfFrame(string text)
    {
        var rest = text.AsSpan();
        if (rest.StartsWith(FramePrefix, StringComparison.Ordinal)) rest = rest[FramePrefix.Length..].TrimStart();
        if (rest.IsEmpty || rest[0] != '[')
        {
            throw new SsidFormatException("it is neither the 42[\"auth\",{…}] message nor its {…} object.");
        }
        if (rest[^1] != ']')
        {
            throw new SsidFormatException("it starts like the 42[\"auth\",{…}] message but does not end with ]; it was cut short.");
        }
        rest = rest[1..^1].Trim();
        if (rest.IsEmpty)
        {
            throw new SsidFormatException("it is an empty Socket.IO message; copy the message whose event is \"auth\".");
        }
        if (rest.StartsWith("\\\"", StringComparison.Ordinal))
        {
            throw new SsidFormatException("it is double-encoded: its quotes are escaped (\\\"), as in a JSON string holding the SSID. Undo the escapes.");
        }
        var name = rest[0] is '"' or '\'' ? rest[1..] : rest;
        if (!name.StartsWith(EventName, StringComparison.Ordinal))
        {
            throw new SsidFormatException("it is a Socket.IO message but not the \"auth\" one; copy the message whose event is \"auth\".");
        }
        rest = name[EventName.Length..];
        if (!rest.IsEmpty && rest[0] is '"' or '\'') rest = rest[1..];
        rest = rest.TrimStart();
        if (rest.IsEmpty || rest[0] != ',')
        {
            throw new SsidFormatException("its \"auth\" message has no payload after the event name.");
        }
        rest = rest[1..].Trim();
        if (!rest.IsEmpty && rest[0] is '"' or '\'')
        {
            throw new SsidFormatException(
                "it is double-encoded: the auth message's payload is a quoted string, not the {…} object. Pass the object itself.", "payload");
        }
        if (rest.IsEmpty || rest[0] != '{')
        {
            throw new SsidFormatException("the auth message's payload is not a {…} object.", "payload");
        }
        return rest.ToString();
    }

    private static (JsonDocument Json, bool Recovered) ParseObject(string objectText)
    {
        var options = new JsonDocumentOptions { MaxDepth = 16 };
        try
        {
            return (JsonDocument.Parse(objectText, options), false);
        }
        catch (JsonException first)
        {
            try
            {
                return (JsonDocument.Parse(SsidJsonRecovery.Recover(objectText), options), true);
            }
            catch (JsonException)
            {
                // Neither the parser's message nor the exception is kept: both may quote the SSID's text.
                throw new SsidFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"its {{…}} object is not valid JSON (near character {first.BytePositionInLine ?? 0}), even with bare keys and values quoted; it was cut or edited."));
            }
        }
    }

    private static Ssid FromObject(JsonElement root, string objectText, bool recovered)
    {
        string? session = null;
        string? sessionKey = null;
        long? uid = null;
        var isDemo = false;
        var platform = 0;
        string? currentUrl = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                var known = IsKnownField(property.Name);
                throw new SsidFormatException(
                    $"it has the field {(known ? $"\"{property.Name}\"" : "(a field this library does not read)")} twice; keep one.",
                    known ? property.Name : null);
            }
            var value = property.Value;
            switch (property.Name)
            {
                case "session":
                case "sessionToken":
                    if (sessionKey is not null)
                    {
                        throw new SsidFormatException("it has both \"session\" and \"sessionToken\"; keep \"session\".", "session");
                    }
                    sessionKey = property.Name;
                    if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } s)
                    {
                        throw new SsidFormatException($"its \"{property.Name}\" is not a non-empty string {value}.", "session");
                    }
                    session = s;
                    break;
                case "uid":
                    uid = ReadUid(value);
                    break;
                case "isDemo":
                    isDemo = ReadIsDemo(value);
                    break;
                case "platform":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out platform))
                    {
                        throw new SsidFormatException("its \"platform\" is not a whole number (the web client sends 2).", "platform");
                    }
                    break;
                case "currentUrl":
                    if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        throw new SsidFormatException("its \"currentUrl\" is not a string.", "currentUrl");
                    }
                    currentUrl = value.GetString();
                    break;
            }
        }
        if (session is null) throw new SsidFormatException("it has no \"session\" field.", "session");
        if (uid is null) throw new SsidFormatException("it has no \"uid\" field (the account's user id).", "uid");
        isDemo |= currentUrl?.Contains("demo", StringComparison.OrdinalIgnoreCase) == true;
        RealSession? real = null;
        if (!isDemo && !RealSession.TryParse(session, out real, out var problem))
        {
            throw new SsidFormatException(problem, "session");
        }
        var frame = recovered || sessionKey != "session" ? Rewrite(root) : objectText;
        return new Ssid(isDemo, platform, session, uid.Value, currentUrl, real, $"{FramePrefix}[\"{EventName}\",{frame}]");
    }

    private static long ReadUid(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0) return number;
        if (value.ValueKind == JsonValueKind.String &&
            long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }
        throw new SsidFormatException("its \"uid\" is not a whole number of zero or more (a number or a string of digits).", "uid");
    }

    private static bool ReadIsDemo(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1: return n == 1;
            case JsonValueKind.String when value.GetString() is "0" or "1": return value.GetString() == "1";
            default: throw new SsidFormatException("its \"isDemo\" is neither 0 nor 1.", "isDemo");
        }
    }

    // Only the known field names are echoed: in a damaged SSID an unknown "name" may be a piece of the secret.
    private static bool IsKnownField(string name)
        => name is "session" or "sessionToken" or "uid" or "isDemo" or "platform" or "currentUrl" or "isFastHistory" or "isOptimized";

    // The canonical object: every key in order with its value, sessionToken renamed to the session the server expects.
    private static string Rewrite(JsonElement root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                writer.WritePropertyName(property.Name == "sessionToken" ? "session" : property.Name);
                property.Value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
