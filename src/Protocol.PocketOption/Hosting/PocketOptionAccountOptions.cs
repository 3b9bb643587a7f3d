using Protocol.PocketOption.Session;
using Protocol.PocketOption.Trading;

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

    /// <summary>The region to try first (e.g. <c>EUROPE</c>); null for the fastest (see <see cref="PocketOptionOptions.PreferredRegion"/>).</summary>
    public string? PreferredRegion { get; set; }

    /// <summary>Whether to order the regions by measured handshake latency. Default true (see <see cref="PocketOptionOptions.ProbeRegions"/>).</summary>
    public bool ProbeRegions { get; set; } = true;

    /// <summary>
    /// Trading's limits and timeouts, bound from the <c>Trading</c> sub-section: <c>MinAmount</c>, <c>MaxAmount</c>,
    /// <c>OrderTimeout</c>, <c>ResultGrace</c>, <c>ResultTimeoutWithoutExpiry</c>, <c>PendingOrderTimeout</c>. Defaults: the platform's limits.
    /// </summary>
    public PocketOptionTradingOptions Trading { get; set; } = new();

    /// <summary>
    /// The rate limit of user commands, bound from the <c>CommandRateLimit</c> sub-section (<c>TokenLimit</c>, <c>TokensPerPeriod</c>,
    /// <c>ReplenishmentPeriod</c>, <c>QueueLimit</c>); null (default) is <see cref="PocketOptionTradingRegistration.DefaultCommandRateLimit"/>.
    /// </summary>
    public CommandRateLimitOptions? CommandRateLimit { get; set; }

    /// <summary>Checks every setting; each error names the setting and never quotes the SSID.</summary>
    /// <returns>The errors; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Session.Ssid.TryParse(Ssid, out var ssid, out var problem))
        {
            errors.Add($"{nameof(Ssid)}: {problem.Message}");
        }
        else if (Endpoint is null && !string.IsNullOrWhiteSpace(PreferredRegion))
        {
            var regions = ssid.IsDemo ? Connection.PocketOptionRegions.DemoRegions : Connection.PocketOptionRegions.RealRegions;
            if (!regions.Any(r => r.Name == PreferredRegion))
            {
                var kind = ssid.IsDemo ? "demo" : "real";
                errors.Add($"{nameof(PreferredRegion)}: '{PreferredRegion}' is not a {kind} region; the {kind} regions are: {string.Join(", ", regions.Select(r => r.Name))}.");
            }
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

        if (PreferredRegion is not null && string.IsNullOrWhiteSpace(PreferredRegion))
        {
            errors.Add($"{nameof(PreferredRegion)}: must name a region (e.g. EUROPE), or be left out for the fastest.");
        }

        Check(errors, nameof(Trading), Trading is null ? null : Trading.Validate);
        Check(errors, nameof(CommandRateLimit), CommandRateLimit is null ? () => { } : CommandRateLimit.Validate);
        return errors;
    }

    // The sub-options validate by throwing; each error becomes one line naming the section and the setting.
    private static void Check(List<string> errors, string section, Action? validate)
    {
        if (validate is null)
        {
            errors.Add($"{section}: must not be null; leave the section out for the defaults.");
            return;
        }

        try
        {
            validate();
        }
        catch (ArgumentException error)
        {
            var setting = error.ParamName is { Length: > 0 } name ? name : "?";
            var message = error.Message;
            var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
            errors.Add($"{section}:{setting}: {(cut >= 0 ? message[..cut] : message).Split(Environment.NewLine)[0]}");
        }
    }

    internal PocketOptionOptions ToClientOptions(TimeProvider clock, Microsoft.Extensions.Logging.ILoggerFactory? loggers, string name) => new()
    {
        Endpoint = Endpoint,
        Origin = Origin,
        UserAgent = UserAgent,
        DefaultSymbol = DefaultSymbol,
        ConnectTimeout = ConnectTimeout,
        RequestTimeout = RequestTimeout,
        PreferredRegion = PreferredRegion,
        ProbeRegions = ProbeRegions,
        Trading = Trading,
        ConfigureClient = CommandRateLimit is { } limit ? o => o.CommandRateLimit = limit : null,
        TimeProvider = clock,
        LoggerFactory = loggers,
        Name = name,
    };
}
