using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Protocol.ExpertOption;

/// <summary>The settings of an <see cref="ExpertOptionClient"/>.</summary>
public sealed class ExpertOptionOptions
{
    /// <summary>
    /// The one server to connect to (a simulator's, in tests); null (the default) tries the gateways of
    /// <see cref="Regions.ExpertOptionRegions"/> in turn.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The gateway to try first (a name of <see cref="Regions.ExpertOptionRegions"/>, e.g. <c>EUROPE</c>); the others follow as the
    /// fall-over and nothing is probed. Null (default): the gateways are ordered by measured handshake latency
    /// (<see cref="ProbeRegions"/>). Ignored when <see cref="Endpoint"/> is set.
    /// </summary>
    public string? PreferredRegion { get; set; }

    /// <summary>
    /// Whether to order the gateways by measured handshake latency before connecting (probed in parallel with a real WebSocket
    /// handshake, never a geo-IP look-up; measured again only after every gateway failed in a row). Default true.
    /// </summary>
    public bool ProbeRegions { get; set; } = true;

    /// <summary>The gateways to choose from instead of <see cref="Regions.ExpertOptionRegions.All"/> (tests give ones on 127.0.0.1). Null by default.</summary>
    public IReadOnlyList<Region>? Regions { get; set; }

    /// <summary>Trade the demo account (the default) or the real one.</summary>
    public bool IsDemo { get; set; } = true;

    /// <summary>How long <see cref="ExpertOptionClient.ConnectAsync"/> waits for the session to be Ready; 30 s by default.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a request waits for its answer; 15 s by default.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after a trade's expiry its result is still waited for; 10 s by default.</summary>
    public TimeSpan ResultGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the client sends its own keep-alive ping (20 s, as two clients do).</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The clock for timeouts, pings and trade times.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The <see cref="ClosedTradeCapacity"/> by default.</summary>
    public const int DefaultClosedTradeCapacity = 1000;

    /// <summary>
    /// How many closed trades the client keeps for <see cref="ExpertOptionClient.CheckResultAsync"/> to answer at once (the
    /// newest; older ones are dropped as new ones close, so memory stays bounded however long a bot runs); 1,000 by default.
    /// A result asked for after its trade was dropped is waited for as if not yet in, and times out.
    /// </summary>
    public int ClosedTradeCapacity { get; set; } = DefaultClosedTradeCapacity;

    /// <summary>Logs (never the token).</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    internal void Validate()
    {
        if (Endpoint is { } e && e.Scheme is not ("ws" or "wss"))
        {
            throw new ArgumentException($"The ExpertOption endpoint must be a ws:// or wss:// URL; '{e.Scheme}://' is not.", nameof(Endpoint));
        }

        foreach (var (name, value) in new[] { (nameof(ConnectTimeout), ConnectTimeout), (nameof(RequestTimeout), RequestTimeout), (nameof(PingInterval), PingInterval) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
            }
        }

        if (ResultGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ResultGrace), ResultGrace, "ResultGrace cannot be negative.");
        }

        if (ClosedTradeCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ClosedTradeCapacity), ClosedTradeCapacity, "ClosedTradeCapacity must be at least 1 (1,000 by default).");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(LoggerFactory);
    }
}
