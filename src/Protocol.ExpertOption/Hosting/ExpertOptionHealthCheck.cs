using Microsoft.Extensions.Diagnostics.HealthChecks;
using Protocol.ExpertOption;
using Protocol.Hosting;

namespace Protocol.ExpertOption.Hosting;

/// <summary>
/// Healthy while the account's client is Ready, degraded while it connects or reconnects, unhealthy once closed (a refused
/// token: get a fresh one). Register it with <see cref="Registration"/>, e.g.
/// <c>services.AddHealthChecks().Add(ExpertOptionHealthCheck.Registration("demo"))</c>.
/// </summary>
public sealed class ExpertOptionHealthCheck : ClientHealthCheck<ExpertOptionState>
{
    /// <summary>Creates the check for one account's client.</summary>
    /// <param name="client">The client.</param>
    public ExpertOptionHealthCheck(ExpertOptionClient client)
        : base((client ?? throw new ArgumentNullException(nameof(client))).Core)
    {
    }

    /// <summary>A registration named <c>expertoption-{name}</c> for the keyed client of <paramref name="name"/>.</summary>
    /// <param name="name">The account's name, as given to <c>AddExpertOption</c>.</param>
    /// <returns>The registration.</returns>
    public static HealthCheckRegistration Registration(string name)
        => Registration<ExpertOptionClient>("expertoption", name, static c => new ExpertOptionHealthCheck(c));
}
