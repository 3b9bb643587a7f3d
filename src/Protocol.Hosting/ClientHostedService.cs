using Microsoft.Extensions.Hosting;

namespace Protocol.Hosting;

/// <summary>
/// Keeps one account's client connected for the host's lifetime: starts the connection loop at start (without waiting for
/// Ready, so one unreachable account does not hold up the host; the runner reconnects with backoff and the health check
/// tells) and disconnects at stop. Each platform's hosted service derives from it.
/// </summary>
/// <typeparam name="TState">The platform client's state type.</typeparam>
public abstract class ClientHostedService<TState> : IHostedService
    where TState : class
{
    private readonly Client<TState> _client;

    /// <summary>Creates the service for one account's client.</summary>
    /// <param name="name">The account's name (its registration key).</param>
    /// <param name="client">The toolkit client under the platform's client.</param>
    protected ClientHostedService(string name, Client<TState> client)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(client);
        Name = name;
        _client = client;
    }

    /// <summary>The account's name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => _client.ConnectAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _client.DisconnectAsync(cancellationToken);
}
