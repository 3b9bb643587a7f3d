namespace Protocol;

/// <summary>
/// In which order a client tries its endpoints. By default in the order they were added. With <see cref="ProbeLatency"/>
/// the client first opens a connection to every endpoint in parallel (a real transport handshake through the configured
/// connection factory, timed on the client's <see cref="TimeProvider"/>, then closed), and tries the fastest first; the
/// endpoints that did not answer within <see cref="ProbeTimeout"/> go last, in their original order. A
/// <see cref="PreferredEndpoint"/> wins over probing. The order is probed again only after every endpoint failed in a row,
/// never on a plain reconnect (the endpoint that worked is tried first, as without probing). A probe is not a session: it
/// sends nothing, runs no login, middleware or frame recorder, and changes no state but the order
/// (<see cref="Client{TState}.EndpointOrder"/>).
/// </summary>
/// <example><code>
/// builder.OrderEndpointsByLatency(probeTimeout: TimeSpan.FromSeconds(3));   // or
/// builder.Configure(o =&gt; o.EndpointOrder.PreferredEndpoint = "EUROPE");    // that one first, nothing probed
/// </code></example>
public sealed class EndpointOrderOptions
{
    /// <summary>Whether to order the endpoints by measured handshake latency before connecting. Default false.</summary>
    public bool ProbeLatency { get; set; }

    /// <summary>How long one probe may take; an endpoint slower than this counts as unreachable. Default 5 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The <see cref="ConnectionEndpoint.Name"/> of the endpoint to try first (the others follow in their original order, as the
    /// fall-over); nothing is probed when it is set. Null (default) for none.
    /// </summary>
    public string? PreferredEndpoint { get; set; }

    internal void Validate()
    {
        if (ProbeTimeout <= TimeSpan.Zero || ProbeTimeout == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(ProbeTimeout), ProbeTimeout, "EndpointOrder.ProbeTimeout must be positive and finite (a probe that never answers must end).");
        }

        if (PreferredEndpoint is not null && string.IsNullOrWhiteSpace(PreferredEndpoint))
        {
            throw new ArgumentException("EndpointOrder.PreferredEndpoint must be an endpoint's name, or null for none; it is blank.", nameof(PreferredEndpoint));
        }
    }
}
