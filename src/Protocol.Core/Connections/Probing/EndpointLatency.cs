namespace Protocol;

/// <summary>One endpoint in the order a client tries them, with what its last probe measured.</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Latency">
/// How long its transport handshake took in the last probe; null when it was not probed (probing off, or a preferred
/// endpoint) or did not answer in time.
/// </param>
/// <param name="Probed">Whether it was probed: false when the order was not measured.</param>
public sealed record EndpointLatency(ConnectionEndpoint Endpoint, TimeSpan? Latency, bool Probed)
{
    /// <summary>Whether the last probe reached it (false when it was not probed).</summary>
    public bool IsReachable => Latency is not null;

    /// <summary>The name and the latency, e.g. <c>EUROPE 42 ms</c>; never the URI's secrets.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Latency is { } latency
        ? $"{Endpoint.Name} {latency.TotalMilliseconds:0} ms"
        : Probed ? $"{Endpoint.Name} unreachable" : Endpoint.Name;
}
