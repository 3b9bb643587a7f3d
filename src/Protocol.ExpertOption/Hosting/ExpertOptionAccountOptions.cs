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
        IsDemo = IsDemo,
        ConnectTimeout = ConnectTimeout,
        RequestTimeout = RequestTimeout,
        ClosedTradeCapacity = ClosedTradeCapacity,
        TimeProvider = clock,
        LoggerFactory = loggers ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
    };
}
