using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Protocol.ExpertOption;
using Protocol.Hosting;

namespace Protocol.ExpertOption.Hosting;

/// <summary>Registers ExpertOption accounts in a service collection.</summary>
/// <example>
/// <code>
/// // appsettings: "ExpertOption": { "Accounts": { "demo": { "Token": "…" } } } (the token from user secrets or the environment)
/// services.AddExpertOption("demo", configuration.GetSection("ExpertOption:Accounts:demo"));
/// services.AddHealthChecks().Add(ExpertOptionHealthCheck.Registration("demo"));
/// // then: [FromKeyedServices("demo")] ExpertOptionClient client
/// </code>
/// </example>
public static class ExpertOptionServiceCollectionExtensions
{
    // The shared registration (Protocol.Hosting), as PocketOption's.
    private static readonly AccountKind<ExpertOptionAccountOptions, ExpertOptionClient> Account = new(
        "ExpertOption",
        static options => options.Validate(),
        static (options, services) => ExpertOptionClient.Create(options.Token, options.ToClientOptions(services.Clock, services.Loggers)),
        static (name, client) => new ExpertOptionHostedService(name, client));

    /// <summary>
    /// Registers one account under <paramref name="name"/>: its <see cref="ExpertOptionAccountOptions"/> bound from
    /// <paramref name="configuration"/> and validated when the host starts (the token's form checked, never printed), a keyed
    /// singleton <see cref="ExpertOptionClient"/> (<c>[FromKeyedServices("demo")] ExpertOptionClient client</c>), and a hosted
    /// service that keeps it connected. Call once per account; the clients use the container's <see cref="TimeProvider"/> and
    /// <see cref="ILoggerFactory"/> when registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The account's name: the key of its client and options.</param>
    /// <param name="configuration">The account's section, e.g. <c>configuration.GetSection("ExpertOption:Accounts:demo")</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddExpertOption(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ExpertOptionAccountOptions>(name).Bind(configuration);
        return services.AddExpertOption(name, static _ => { });
    }

    /// <summary>Registers one account under <paramref name="name"/>, configured in code (see the configuration overload).</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The account's name.</param>
    /// <param name="configure">Sets the account's options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddExpertOption(this IServiceCollection services, string name, Action<ExpertOptionAccountOptions> configure)
        => services.AddAccount(name, configure, Account);
}
