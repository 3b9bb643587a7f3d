using Protocol.Hosting;

namespace Protocol.PocketOption.Hosting;

/// <summary>
/// Keeps one account's <see cref="PocketOptionClient"/> connected for the host's lifetime: starts the connection loop at
/// start (without waiting for Ready, so one unreachable account does not hold up the host; the runner reconnects with
/// backoff and the health check tells) and disconnects at stop.
/// </summary>
/// <param name="name">The account's name (its registration key).</param>
/// <param name="client">The client.</param>
public sealed class PocketOptionHostedService(string name, PocketOptionClient client)
    : ClientHostedService<PocketOptionState>(name, client.Client);
