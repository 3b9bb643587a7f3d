using Microsoft.Extensions.Logging;

namespace Protocol;

// The log lines of endpoint probing. Endpoint names and milliseconds only: never a URI (user info and queries carry
// secrets). Ids 70+ keep clear of RuntimeLog's and LifecycleLog's.
internal static partial class EndpointProbeLog
{
    [LoggerMessage(70, LogLevel.Information, "Probing the handshake latency of {Count} endpoints (timeout {Timeout} each)")]
    public static partial void Probing(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(71, LogLevel.Information, "Endpoint order by handshake latency: {Order}")]
    public static partial void Ordered(ILogger logger, string order);

    [LoggerMessage(72, LogLevel.Information, "Endpoint order: the preferred endpoint {Preferred} first, nothing probed: {Order}")]
    public static partial void Preferred(ILogger logger, string preferred, string order);

    [LoggerMessage(73, LogLevel.Debug, "Probe of endpoint {Endpoint} failed ({Outcome})")]
    public static partial void ProbeFailed(ILogger logger, string endpoint, string outcome);
}
