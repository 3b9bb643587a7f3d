using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Protocol.Hosting;

namespace Protocol.PocketOption.Hosting;

/// <summary>Registers PocketOption accounts in a service collection.</summary>
public static class PocketOptionServiceCollectionExtensions
{
    // The shared registration (Protocol.Hosting) does the rest, as it does for ExpertOption.
    private static readonly AccountKind<PocketOptionAccountOptions, PocketOptionClient> Account = new(
        "PocketOption",
        static options => options.Validate(),
        static (options, services) => PocketOptionClient.Create(options.Ssid, options.ToClientOptions(services.Clock, services.Loggers, services.Name)),
        static (name, client) => new PocketOptionHostedService(name, client));

    /// <summary>
    /// Registers one account under <paramref name="name"/>: its <see cref="PocketOptionAccountOptions"/> bound from
    /// <paramref name="configuration"/> and validated when the host starts, a keyed singleton <see cref="PocketOptionClient"/>
    /// (<c>[FromKeyedServices("demo")] PocketOptionClient client</c>), and a hosted service that keeps it connected. Call once
    /// per account; the clients use the container's <see cref="TimeProvider"/> and <see cref="ILoggerFactory"/> when registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The account's name: the key of its client and options, and its telemetry name.</param>
    /// <param name="configuration">The account's section, e.g. <c>configuration.GetSection("PocketOption:Accounts:demo")</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPocketOption(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PocketOptionAccountOptions>(name).Bind(configuration);
        return services.AddPocketOption(name, static _ => { });
    }

    /// <summary>Registers one account under <paramref name="name"/>, configured in code (see the configuration overload).</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The account's name.</param>
    /// <param name="configure">Sets the account's options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPocketOption(this IServiceCollection services, string name, Action<PocketOptionAccountOptions> configure)
        => services.AddAccount(name, configure, Account);
}
