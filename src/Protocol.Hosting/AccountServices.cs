using Microsoft.Extensions.Logging;

namespace Protocol.Hosting;

/// <summary>What a client of one account gets from the container.</summary>
/// <param name="Name">The account's name (its key, and the client's telemetry name).</param>
/// <param name="Clock">The container's <see cref="TimeProvider"/>, or the system clock.</param>
/// <param name="Loggers">The container's <see cref="ILoggerFactory"/>, if any.</param>
/// <param name="Services">The container.</param>
public sealed record AccountServices(string Name, TimeProvider Clock, ILoggerFactory? Loggers, IServiceProvider Services);
