using System.Buffers.Text;
using System.Text.Json;

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
    /// Parses the open packet's JSON (the text after the leading <c>0</c>). Lenient like the reference client: numbers
    /// sent as strings are accepted (some servers do), unknown keys are ignored, missing timings take engine.io's defaults.
    /// </summary>
    /// <param name="json">The JSON object.</param>
    /// <returns>The handshake.</returns>
    /// <exception cref="SocketIOHandshakeException">The JSON is malformed, <c>sid</c> is missing, or a number is not a positive integer.</exception>
    public static EngineHandshake Parse(ReadOnlySpan<byte> json)
    {
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
                if (reader.ValueTextEquals("sid"u8))
                {
                    reader.Read();
                    sid = reader.TokenType == JsonTokenType.String
                        ? reader.GetString()
                        : throw new SocketIOHandshakeException("The Engine.IO open packet's \"sid\" is not a string.");
                }
                else if (reader.ValueTextEquals("upgrades"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                upgrades.Add(reader.GetString()!);
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
                else if (reader.ValueTextEquals("pingInterval"u8))
                {
                    pingInterval = ReadPositive(ref reader, "pingInterval");
                }
                else if (reader.ValueTextEquals("pingTimeout"u8))
                {
                    pingTimeout = ReadPositive(ref reader, "pingTimeout");
                }
                else if (reader.ValueTextEquals("maxPayload"u8))
                {
                    maxPayload = ReadPositive(ref reader, "maxPayload");
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
            throw new SocketIOHandshakeException($"The Engine.IO open packet is not valid JSON ({ex.Message}). Check that the address points at a Socket.IO v4 server (EIO=4).", ex);
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
            (int)Math.Min(maxPayload, int.MaxValue));
    }

    private static long ReadPositive(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        long value = 0;
        var ok = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out value) || TryGetWholeDouble(ref reader, out value),

            // Some servers send "25000" (SocketIOClient issue #243).
            JsonTokenType.String => !reader.ValueIsEscaped && !reader.HasValueSequence &&
                                    Utf8Parser.TryParse(reader.ValueSpan, out value, out var used) && used == reader.ValueSpan.Length,
            _ => false,
        };
        if (!ok || value <= 0)
        {
            throw new SocketIOHandshakeException($"The Engine.IO open packet's \"{name}\" is not a positive integer number of milliseconds/bytes.");
        }

        return value;
    }

    private static bool TryGetWholeDouble(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (!reader.TryGetDouble(out var d) || d != Math.Floor(d) || d > long.MaxValue)
        {
            return false;
        }

        value = (long)d;
        return true;
    }
}
