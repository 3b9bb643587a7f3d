using Microsoft.Extensions.Hosting;

namespace Protocol.PocketOption.Hosting;

/// <summary>
/// Keeps one account's <see cref="PocketOptionClient"/> connected for the host's lifetime: starts the connection loop at
/// start (without waiting for Ready, so one unreachable account does not hold up the host; the runner reconnects with
/// backoff and the health check tells) and disconnects at stop.
/// </summary>
public sealed class PocketOptionHostedService : IHostedService
{
    private readonly PocketOptionClient _client;

    /// <summary>Creates the service for one account's client.</summary>
    /// <param name="name">The account's name (its registration key).</param>
    /// <param name="client">The client.</param>
    public PocketOptionHostedService(string name, PocketOptionClient client)
    {
        Name = name;
        _client = client;
    }

    /// <summary>The account's name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => _client.Client.ConnectAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _client.Client.DisconnectAsync(cancellationToken);
}
