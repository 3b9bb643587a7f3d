using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Protocol.Hosting;

/// <summary>
/// Registers one platform account: the part of <c>AddPocketOption</c> and <c>AddExpertOption</c> that does not depend on the
/// platform, written once so both register, validate and host their accounts the same way.
/// </summary>
public static class AccountRegistration
{
    /// <summary>
    /// Registers the account <paramref name="name"/>: its named <typeparamref name="TOptions"/> (configured by
    /// <paramref name="configure"/> and validated when the host starts), a keyed singleton <typeparamref name="TClient"/> made by
    /// <paramref name="account"/>, and a hosted service that keeps it connected. Call once per account.
    /// </summary>
    /// <typeparam name="TOptions">The platform's account options.</typeparam>
    /// <typeparam name="TClient">The platform's client.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="name">The account's name: the key of its client and options.</param>
    /// <param name="configure">Sets the account's options (after any configuration binding).</param>
    /// <param name="account">How the platform validates, creates and hosts an account.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static IServiceCollection AddAccount<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TClient>(this IServiceCollection services, string name, Action<TOptions> configure, AccountKind<TOptions, TClient> account)
        where TOptions : class
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(account);
        services.AddOptions<TOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new AccountOptionsValidator<TOptions>(account.Platform, account.Validate)));
        services.AddKeyedSingleton(name, (sp, key) =>
        {
            var accountName = (string)key!;
            var options = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(accountName);
            return account.Create(options, new AccountServices(accountName, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILoggerFactory>(), sp));
        });

        // Not AddHostedService: it de-duplicates by type, and each account needs its own.
        services.AddSingleton(sp => account.Host(name, sp.GetRequiredKeyedService<TClient>(name)));
        return services;
    }
}
