using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Protocol.SocketIO;

/// <summary>The Engine.IO open packet (<c>0{"sid":..,"upgrades":[],"pingInterval":..,"pingTimeout":..,"maxPayload":..}</c>).</summary>
public sealed class EngineHandshake
{
    /// <summary>engine.io's default ping interval, used when the server omits it.</summary>
    public static readonly TimeSpan DefaultPingInterval = TimeSpan.FromMilliseconds(25000);

    /// <summary>engine.io's default ping timeout, used when the server omits it.</summary>
    public static readonly TimeSpan DefaultPingTimeout = TimeSpan.FromMilliseconds(20000);

    /// <summary>engine.io's default maximum payload (maxHttpBufferSize), used when the server omits it.</summary>
    public const int DefaultMaxPayload = 1_000_000;

    /// <summary>Creates a handshake value.</summary>
    /// <param name="sid">The Engine.IO session id.</param>
    /// <param name="upgrades">Transports the server offers to upgrade to.</param>
    /// <param name="pingInterval">How often the server pings.</param>
    /// <param name="pingTimeout">How long the server waits for a pong.</param>
    /// <param name="maxPayload">The largest frame the server accepts, in bytes.</param>
    public EngineHandshake(string sid, IReadOnlyList<string> upgrades, TimeSpan pingInterval, TimeSpan pingTimeout, int maxPayload)
    {
        Sid = sid;
        Upgrades = upgrades;
        PingInterval = pingInterval;
        PingTimeout = pingTimeout;
        MaxPayload = maxPayload;
    }

    /// <summary>The Engine.IO session id (not the Socket.IO socket id).</summary>
    public string Sid { get; }

    /// <summary>Transports the server offers to upgrade to (empty on a WebSocket-only session).</summary>
    public IReadOnlyList<string> Upgrades { get; }

    /// <summary>How often the server pings.</summary>
    public TimeSpan PingInterval { get; }

    /// <summary>How long the server waits for a pong.</summary>
    public TimeSpan PingTimeout { get; }

    /// <summary>The largest frame the server accepts, in bytes; bigger sends are refused locally.</summary>
    public int MaxPayload { get; }

    /// <summary>
    /// The longest pingInterval or pingTimeout accepted, in milliseconds: 2^31-1 (about 24.8 days), the longest delay
    /// JavaScript's setTimeout honours (the reference client's timers), so no real server sends more. Two of them still
    /// fit one .NET timer (at most 2^32-2 ms), which the heartbeat watchdog arms for pingInterval + pingTimeout.
    /// </summary>
    public const long MaxTimingMilliseconds = int.MaxValue;

    /// <summary>
    /// Parses the open packet's JSON (the text after the leading <c>0</c>). Lenient like the reference client: numbers
    /// sent as strings are accepted (some servers do), unknown keys are ignored, missing timings take engine.io's defaults,
    /// and a maxPayload above <see cref="int.MaxValue"/> is clamped to it (no .NET frame can be larger).
    /// </summary>
    /// <param name="json">The JSON object.</param>
    /// <returns>The handshake.</returns>
    /// <exception cref="SocketIOHandshakeException">
    /// The JSON is malformed or not valid UTF-8, <c>sid</c> is missing, <c>sid</c> or an upgrade is not valid Unicode,
    /// a number is not a positive integer, or a timing exceeds <see cref="MaxTimingMilliseconds"/>.
    /// </exception>
    public static EngineHandshake Parse(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            // Utf8JsonReader only checks UTF-8 when a string is materialized (and then throws InvalidOperationException).
            throw new SocketIOHandshakeException("The Engine.IO open packet is not valid UTF-8 (a WebSocket text frame must be). Check that the address points at a Socket.IO v4 server (EIO=4).");
        }

        string? sid = null;
        List<string> upgrades = [];
        long pingInterval = (long)DefaultPingInterval.TotalMilliseconds;
        long pingTimeout = (long)DefaultPingTimeout.TotalMilliseconds;
        long maxPayload = DefaultMaxPayload;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new SocketIOHandshakeException("The Engine.IO open packet is not a JSON object. Check that the address points at a Socket.IO v4 server (EIO=4).");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // A key escaping a lone surrogate is no key we know: skipped like any unknown key.
                if (JsonStringUnicode.ValueTextEquals(reader, "sid"u8))
                {
                    reader.Read();
                    sid = reader.TokenType == JsonTokenType.String
                        ? JsonStringUnicode.GetStringOrNull(reader) ?? throw NotUnicode("sid")
                        : throw new SocketIOHandshakeException("The Engine.IO open packet's \"sid\" is not a string.");
                }
                else if (JsonStringUnicode.ValueTextEquals(reader, "upgrades"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                upgrades.Add(JsonStringUnicode.GetStringOrNull(reader) ?? throw NotUnicode("upgrades"));
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (JsonStringUnicode.ValueTextEquals(reader, "pingInterval"u8))
                {
                    pingInterval = ReadPositive(ref reader, "pingInterval", MaxTimingMilliseconds, clamp: false);
                }
                else if (JsonStringUnicode.ValueTextEquals(reader, "pingTimeout"u8))
                {
                    pingTimeout = ReadPositive(ref reader, "pingTimeout", MaxTimingMilliseconds, clamp: false);
                }
                else if (JsonStringUnicode.ValueTextEquals(reader, "maxPayload"u8))
                {
                    // Clamp, not refuse: maxPayload only caps our sends, and no .NET frame is longer than int.MaxValue.
                    maxPayload = ReadPositive(ref reader, "maxPayload", int.MaxValue, clamp: true);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new SocketIOHandshakeException("The Engine.IO open packet has trailing data after its JSON object.");
            }
        }
        catch (JsonException ex)
        {
            // Position only, and no inner exception: the reader's message quotes bytes, and the sid is a session credential.
            throw new SocketIOHandshakeException($"The Engine.IO open packet is not valid JSON (line {ex.LineNumber}, byte {ex.BytePositionInLine}). Check that the address points at a Socket.IO v4 server (EIO=4).");
        }

        if (string.IsNullOrEmpty(sid))
        {
            throw new SocketIOHandshakeException("The Engine.IO open packet has no \"sid\". Check that the address points at a Socket.IO v4 server (EIO=4).");
        }

        return new EngineHandshake(
            sid,
            upgrades,
            TimeSpan.FromMilliseconds(pingInterval),
            TimeSpan.FromMilliseconds(pingTimeout),
            (int)maxPayload);
    }

    private static SocketIOHandshakeException NotUnicode(string name) =>
        new($"The Engine.IO open packet's \"{name}\" is not valid Unicode (it escapes a lone UTF-16 surrogate). The server is broken or not a Socket.IO v4 server.");

    private static long ReadPositive(ref Utf8JsonReader reader, string name, long max, bool clamp)
    {
        reader.Read();
        long value = 0;
        bool tooLarge = false;
        var ok = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out value) || TryGetWholeDouble(ref reader, out value, out tooLarge),

            // Some servers send "25000" (SocketIOClient issue #243).
            JsonTokenType.String => TryParseDigits(ref reader, out value, out tooLarge),
            _ => false,
        };
        if (tooLarge || (ok && value > max))
        {
            return clamp ? max : throw new SocketIOHandshakeException($"The Engine.IO open packet's \"{name}\" is too large: at most {max} ms is accepted (engine.io's default pingInterval is 25000 ms, pingTimeout 20000 ms). The server is misconfigured.");
        }

        if (!ok || value <= 0)
        {
            throw new SocketIOHandshakeException($"The Engine.IO open packet's \"{name}\" is not a positive integer number of milliseconds/bytes.");
        }

        return value;
    }

    private static bool TryParseDigits(ref Utf8JsonReader reader, out long value, out bool tooLarge)
    {
        value = 0;
        tooLarge = false;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return false;
        }

        ReadOnlySpan<byte> digits = reader.ValueSpan;
        if (Utf8Parser.TryParse(digits, out value, out var used) && used == digits.Length)
        {
            return true;
        }

        // All digits but no long holds them: a number, just a huge one.
        tooLarge = !digits.IsEmpty && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
        return false;
    }

    private static bool TryGetWholeDouble(ref Utf8JsonReader reader, out long value, out bool tooLarge)
    {
        value = 0;
        tooLarge = false;
        if (!reader.TryGetDouble(out var d) || d != Math.Floor(d))
        {
            return false;
        }

        // 2^63 is the first double a long cannot hold (long.MaxValue itself rounds up to it).
        if (d >= 9223372036854775808.0)
        {
            tooLarge = true;
            return false;
        }

        value = (long)d;
        return true;
    }
}
