using Microsoft.Extensions.Diagnostics.HealthChecks;
using Protocol.Hosting;

namespace Protocol.PocketOption.Hosting;

/// <summary>
/// Healthy while the account's client is Ready, degraded while it connects or reconnects, unhealthy once closed (a refused
/// SSID: get a fresh one). Register it with <see cref="Registration"/>, e.g.
/// <c>services.AddHealthChecks().Add(PocketOptionHealthCheck.Registration("demo"))</c>.
/// </summary>
/// <param name="client">The account's client.</param>
public sealed class PocketOptionHealthCheck(PocketOptionClient client) : ClientHealthCheck<PocketOptionState>(client.Client)
{
    /// <summary>A registration named <c>pocketoption-{name}</c> for the keyed client of <paramref name="name"/>.</summary>
    /// <param name="name">The account's name, as given to <c>AddPocketOption</c>.</param>
    /// <returns>The registration.</returns>
    public static HealthCheckRegistration Registration(string name)
        => Registration<PocketOptionClient>("pocketoption", name, static c => new PocketOptionHealthCheck(c));
}
