using Protocol.PocketOption.Session;

namespace Protocol.PocketOption.Hosting;

/// <summary>
/// One account's settings, bound from configuration by <see cref="PocketOptionServiceCollectionExtensions.AddPocketOption(Microsoft.Extensions.DependencyInjection.IServiceCollection, string, Microsoft.Extensions.Configuration.IConfiguration)"/>
/// (e.g. the section <c>PocketOption:Accounts:demo</c>) and validated when the host starts.
/// </summary>
public sealed class PocketOptionAccountOptions
{
    /// <summary>The SSID as copied from the browser. Required; a secret (keep it in user secrets or the environment).</summary>
    public string Ssid { get; set; } = "";

    /// <summary>An explicit server (e.g. the simulator's); null for PocketOption's regions.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The <c>Origin</c> header. Default <c>https://pocketoption.com</c>.</summary>
    public string Origin { get; set; } = Connection.PocketOptionEndpoints.DefaultOrigin;

    /// <summary>The <c>User-Agent</c> header; null for the session's own (see <see cref="PocketOptionOptions.UserAgent"/>).</summary>
    public string? UserAgent { get; set; }

    /// <summary>The asset focused after login; null for none. Default <c>EURUSD_otc</c>.</summary>
    public string? DefaultSymbol { get; set; } = PocketOptionBuilderExtensions.DefaultSymbol;

    /// <summary>How long a connect waits for the login. Default 60 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The default timeout of requests. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks every setting; each error names the setting and never quotes the SSID.</summary>
    /// <returns>The errors; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Session.Ssid.TryParse(Ssid, out _, out var problem))
        {
            errors.Add($"{nameof(Ssid)}: {problem.Message}");
        }

        if (Endpoint is { IsAbsoluteUri: false })
        {
            errors.Add($"{nameof(Endpoint)}: must be an absolute ws://, wss://, http:// or https:// URI.");
        }

        if (string.IsNullOrWhiteSpace(Origin))
        {
            errors.Add($"{nameof(Origin)}: must not be empty.");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(ConnectTimeout)}: must be positive.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(RequestTimeout)}: must be positive.");
        }

        return errors;
    }

    internal PocketOptionOptions ToClientOptions(TimeProvider clock, Microsoft.Extensions.Logging.ILoggerFactory? loggers, string name) => new()
    {
        Endpoint = Endpoint,
        Origin = Origin,
        UserAgent = UserAgent,
        DefaultSymbol = DefaultSymbol,
        ConnectTimeout = ConnectTimeout,
        RequestTimeout = RequestTimeout,
        TimeProvider = clock,
        LoggerFactory = loggers,
        Name = name,
    };
}
