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
    /// real one, in file order: the runner falls over to the next when one fails. Every endpoint carries the Origin and the
    /// session's User-Agent (a real session is bound to the user agent it was issued to).
    /// </summary>
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

        var regions = ssid.IsDemo ? PocketOptionRegions.DemoRegions : PocketOptionRegions.RealRegions;
        return [.. regions.Select(r => new ConnectionEndpoint(new Uri(r.Url), r.Name, headers))];
    }
}
