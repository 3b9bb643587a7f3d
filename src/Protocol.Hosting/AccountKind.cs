using Microsoft.Extensions.Hosting;

namespace Protocol.Hosting;

/// <summary>How a platform validates, creates and hosts one account (see <see cref="AccountRegistration.AddAccount{TOptions, TClient}"/>).</summary>
/// <typeparam name="TOptions">The platform's account options.</typeparam>
/// <typeparam name="TClient">The platform's client.</typeparam>
/// <param name="Platform">The platform's name in validation messages (e.g. <c>ExpertOption</c>).</param>
/// <param name="Validate">Lists what is wrong with the options (empty when valid); a message never quotes a secret.</param>
/// <param name="Create">Creates the client from valid options and the container's services.</param>
/// <param name="Host">Makes the hosted service that keeps the client connected.</param>
public sealed record AccountKind<TOptions, TClient>(
    string Platform,
    Func<TOptions, IReadOnlyList<string>> Validate,
    Func<TOptions, AccountServices, TClient> Create,
    Func<string, TClient, IHostedService> Host);
