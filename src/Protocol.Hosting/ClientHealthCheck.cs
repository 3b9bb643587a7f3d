using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Protocol.Hosting;

/// <summary>
/// Healthy while the client is Ready, degraded while it connects or reconnects, unhealthy once closed (with the terminal
/// error's message, which never carries a secret). Each platform's health check derives from it.
/// </summary>
/// <typeparam name="TState">The platform client's state type.</typeparam>
/// <param name="client">The toolkit client under the platform's client.</param>
public abstract class ClientHealthCheck<TState>(Client<TState> client) : IHealthCheck
    where TState : class
{
    /// <summary>
    /// A registration named <c>{platform}-{name}</c>, tagged <paramref name="platform"/>, whose check is made for the keyed
    /// client of <paramref name="name"/>.
    /// </summary>
    /// <typeparam name="TClient">The platform's client type, registered keyed by account name.</typeparam>
    /// <param name="platform">The platform's lower-case name (e.g. <c>expertoption</c>).</param>
    /// <param name="name">The account's name.</param>
    /// <param name="create">Makes the check for the client.</param>
    /// <returns>The registration.</returns>
    protected static HealthCheckRegistration Registration<TClient>(string platform, string name, Func<TClient, IHealthCheck> create)
        where TClient : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        return new HealthCheckRegistration(platform + "-" + name, sp => create(sp.GetRequiredKeyedService<TClient>(name)), failureStatus: null, tags: [platform]);
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = client.ConnectionState;
        var result = state switch
        {
            ConnectionState.Ready => HealthCheckResult.Healthy("Ready"),
            ConnectionState.Closed => HealthCheckResult.Unhealthy("Closed: " + (client.TerminalError?.Message ?? "the client was stopped")),
            _ => HealthCheckResult.Degraded(state.ToString()),
        };
        return Task.FromResult(result);
    }
}
