using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Protocol.PocketOption.Hosting;

/// <summary>
/// Healthy while the account's client is Ready, degraded while it connects or reconnects, unhealthy once closed (a refused
/// SSID: get a fresh one). Register it with <see cref="Registration"/>, e.g.
/// <c>services.AddHealthChecks().Add(PocketOptionHealthCheck.Registration("demo"))</c>.
/// </summary>
public sealed class PocketOptionHealthCheck(PocketOptionClient client) : IHealthCheck
{
    /// <summary>A registration named <c>pocketoption-{name}</c> for the keyed client of <paramref name="name"/>.</summary>
    /// <param name="name">The account's name, as given to <c>AddPocketOption</c>.</param>
    /// <returns>The registration.</returns>
    public static HealthCheckRegistration Registration(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new HealthCheckRegistration(
            "pocketoption-" + name,
            sp => new PocketOptionHealthCheck(Microsoft.Extensions.DependencyInjection.ServiceProviderKeyedServiceExtensions.GetRequiredKeyedService<PocketOptionClient>(sp, name)),
            failureStatus: null,
            tags: ["pocketoption"]);
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = client.ConnectionState;
        var result = state switch
        {
            ConnectionState.Ready => HealthCheckResult.Healthy("Ready"),
            ConnectionState.Closed => HealthCheckResult.Unhealthy("Closed: " + (client.Client.TerminalError?.Message ?? "the client was stopped")),
            _ => HealthCheckResult.Degraded(state.ToString()),
        };
        return Task.FromResult(result);
    }
}
