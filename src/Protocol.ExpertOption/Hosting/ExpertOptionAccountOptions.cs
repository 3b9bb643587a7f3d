using Protocol.ExpertOption;

namespace Protocol.ExpertOption.Hosting;

/// <summary>
/// One account's settings, bound from configuration by <see cref="ExpertOptionServiceCollectionExtensions.AddExpertOption(Microsoft.Extensions.DependencyInjection.IServiceCollection, string, Microsoft.Extensions.Configuration.IConfiguration)"/>
/// (e.g. the section <c>ExpertOption:Accounts:demo</c>) and validated when the host starts.
/// </summary>
public sealed class ExpertOptionAccountOptions
{
    /// <summary>
    /// The session token: the 32-hex <c>token</c> cookie of a logged-in web session. Required; a secret (keep it in user
    /// secrets or the environment): validation messages describe it, never quote it.
    /// </summary>
    public string Token { get; set; } = "";

    /// <summary>An explicit server (e.g. the simulator's, <c>ws://127.0.0.1:port/ws/v40</c>); null for ExpertOption's gateways.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The gateway to try first (a name of <see cref="Regions.ExpertOptionRegions"/>, e.g. <c>EUROPE</c>); null (default) for the
    /// fastest (see <see cref="ExpertOptionOptions.PreferredRegion"/>). Ignored when <see cref="Endpoint"/> is set.
    /// </summary>
    public string? PreferredRegion { get; set; }

    /// <summary>Whether to order the gateways by measured handshake latency. Default true (see <see cref="ExpertOptionOptions.ProbeRegions"/>).</summary>
    public bool ProbeRegions { get; set; } = true;

    /// <summary>Trade the demo context (the default) or the real one.</summary>
    public bool IsDemo { get; set; } = true;

    /// <summary>How long a connect waits for the login. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The default timeout of requests. Default 15 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many closed trades the client keeps (see <see cref="ExpertOptionOptions.ClosedTradeCapacity"/>). Default 1,000.</summary>
    public int ClosedTradeCapacity { get; set; } = ExpertOptionOptions.DefaultClosedTradeCapacity;

    /// <summary>Checks every setting; each error names the setting and never quotes the token.</summary>
    /// <returns>The errors; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        try
        {
            ExpertOptionToken.Validate(Token ?? "");
        }
        catch (ArgumentException error)
        {
            // The token check's message describes the value (its length, non-hex characters) and never repeats it.
            errors.Add($"{nameof(Token)}: {error.Message}");
        }

        if (Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("ws" or "wss")))
        {
            errors.Add($"{nameof(Endpoint)}: must be an absolute ws:// or wss:// URI.");
        }

        if (PreferredRegion is { } preferred)
        {
            // Checked at start (the client would refuse it only when first created); every gateway serves demo and real alike.
            var regions = Regions.ExpertOptionRegions.All;
            if (string.IsNullOrWhiteSpace(preferred))
            {
                errors.Add($"{nameof(PreferredRegion)}: must name a gateway (e.g. EUROPE), or be left out for the fastest.");
            }
            else if (Endpoint is null && !regions.Any(r => r.Name == preferred))
            {
                errors.Add($"{nameof(PreferredRegion)}: '{preferred}' is not a gateway; the gateways are: {string.Join(", ", regions.Select(r => r.Name))} (case-sensitive).");
            }
        }

        foreach (var (name, value) in new[] { (nameof(ConnectTimeout), ConnectTimeout), (nameof(RequestTimeout), RequestTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{name}: must be positive.");
            }
        }

        if (ClosedTradeCapacity < 1)
        {
            errors.Add($"{nameof(ClosedTradeCapacity)}: must be at least 1.");
        }

        return errors;
    }

    internal ExpertOptionOptions ToClientOptions(TimeProvider clock, Microsoft.Extensions.Logging.ILoggerFactory? loggers) => new()
    {
        Endpoint = Endpoint,
        PreferredRegion = PreferredRegion,
        ProbeRegions = ProbeRegions,
        IsDemo = IsDemo,
        ConnectTimeout = ConnectTimeout,
        RequestTimeout = RequestTimeout,
        ClosedTradeCapacity = ClosedTradeCapacity,
        TimeProvider = clock,
        LoggerFactory = loggers ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
    };
}
