using Protocol.PocketOption.Session;

namespace Protocol.PocketOption.Connection;

/// <summary>Where a PocketOption client connects and with which upgrade headers.</summary>
internal static class PocketOptionEndpoints
{
    /// <summary>The Origin the web client sends.</summary>
    public const string DefaultOrigin = "https://pocketoption.com";

    /// <summary>The user agent for a demo SSID, which carries none (the reference client's choice: a desktop Chrome).</summary>
    public const string DemoUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36";

    /// <summary>
    /// The explicit endpoint when given (a simulator's), else the demo regions for a demo SSID and the real regions for a
    /// real one, in file order (the runner orders them by latency or puts the preferred one first, and falls over to the next
    /// when one fails). Every endpoint carries the Origin and the session's User-Agent (a real session is bound to the user
    /// agent it was issued to).
    /// </summary>
    /// <exception cref="ArgumentException">The preferred region is not a region of the SSID's kind; the message lists them.</exception>
    public static IReadOnlyList<ConnectionEndpoint> For(Ssid ssid, PocketOptionOptions options)
    {
        var headers = new KeyValuePair<string, string>[]
        {
            new("Origin", options.Origin),
            new("User-Agent", options.UserAgent ?? ssid.UserAgent ?? DemoUserAgent),
        };
        if (options.Endpoint is { } endpoint)
        {
            return [new ConnectionEndpoint(endpoint, "explicit", headers)];
        }

        IReadOnlyList<Region> regions = options.Regions is { } given
            ? [.. given.Where(r => r.IsDemo == ssid.IsDemo)]
            : ssid.IsDemo ? PocketOptionRegions.DemoRegions : PocketOptionRegions.RealRegions;
        var kind = ssid.IsDemo ? "demo" : "real";
        if (regions.Count == 0)
        {
            throw new ArgumentException($"PocketOptionOptions.Regions has no {kind} region for this {kind} SSID; add one (Region.IsDemo = {ssid.IsDemo.ToString().ToLowerInvariant()}) or set Endpoint.", nameof(options));
        }

        if (options.PreferredRegion is { } preferred && !regions.Any(r => r.Name == preferred))
        {
            throw new ArgumentException($"PocketOptionOptions.PreferredRegion '{preferred}' is not a {kind} region; the {kind} regions are: {string.Join(", ", regions.Select(r => r.Name))} (case-sensitive). Name one of them, or leave it null for the fastest.", nameof(options));
        }

        return [.. regions.Select(r => new ConnectionEndpoint(new Uri(r.Url), r.Name, headers))];
    }
}
