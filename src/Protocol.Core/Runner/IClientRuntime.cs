using Microsoft.Extensions.Logging;

namespace Protocol;

// What modules, APIs and command channels need from the client, without depending on its state type.
internal interface IClientRuntime
{
    TimeProvider TimeProvider { get; }

    ClientOptions Options { get; }

    ILoggerFactory LoggerFactory { get; }

    // The client's name/platform-tagged view of the instruments.
    ClientTelemetry Telemetry { get; }

    ConnectionState ConnectionState { get; }

    // Increments on every session that reaches Ready; commands remember theirs so they are never sent on a later one.
    long SessionId { get; }

    // Cancelled when the client closes for good (disposal or terminal error): subscriptions end on it.
    CancellationToken ClientClosed { get; }

    // The token bucket in front of module commands; null when ClientOptions.CommandRateLimit is not set.
    CommandRateLimiter? CommandRateLimiter { get; }

    ValueTask SendAsync(OutgoingMessage message, ModuleCommand? command, CancellationToken cancellationToken);

    // Adds something to restore on every session after the login, before the on-Ready hooks (keyed subscriptions).
    void AddSessionStarter(ISessionStarter starter);
}
