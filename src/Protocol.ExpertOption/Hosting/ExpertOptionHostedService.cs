using Protocol.ExpertOption;
using Protocol.Hosting;

namespace Protocol.ExpertOption.Hosting;

/// <summary>
/// Keeps one account's <see cref="ExpertOptionClient"/> connected for the host's lifetime: starts the connection loop at start
/// (without waiting for Ready: <see cref="ExpertOptionClient.ConnectAsync"/> waits for it, and the health check tells) and
/// disconnects at stop.
/// </summary>
public sealed class ExpertOptionHostedService : ClientHostedService<ExpertOptionState>
{
    /// <summary>Creates the service for one account's client.</summary>
    /// <param name="name">The account's name (its registration key).</param>
    /// <param name="client">The client.</param>
    public ExpertOptionHostedService(string name, ExpertOptionClient client)
        : base(name, (client ?? throw new ArgumentNullException(nameof(client))).Core)
    {
    }
}
