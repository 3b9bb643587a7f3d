using Microsoft.Extensions.Logging;

namespace Protocol.PocketOption;

/// <summary>How a <see cref="PocketOptionClient"/> connects and how long it waits.</summary>
public sealed class PocketOptionOptions
{
    /// <summary>
    /// An explicit server, e.g. the simulator's <c>ws://127.0.0.1:port/socket.io/?EIO=4&amp;transport=websocket</c>; null (default)
    /// connects to PocketOption's regions (demo regions for a demo SSID, real ones for a real SSID).
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The region to try first (a name of <see cref="Connection.PocketOptionRegions"/>, e.g. <c>EUROPE</c>, of the SSID's kind: demo
    /// or real); the others follow in file order as the fall-over, and nothing is probed. Null (default): the regions are
    /// ordered by measured handshake latency (<see cref="ProbeRegions"/>). Ignored when <see cref="Endpoint"/> is set.
    /// </summary>
    public string? PreferredRegion { get; set; }

    /// <summary>
    /// Whether to order the regions by measured handshake latency before connecting (each probed in parallel with a real
    /// WebSocket handshake, never a third-party geo-IP look-up; measured again only after every region failed in a row).
    /// Default true; false tries them in file order. Ignored when <see cref="Endpoint"/> or <see cref="PreferredRegion"/> is set.
    /// </summary>
    public bool ProbeRegions { get; set; } = true;

    /// <summary>How long one region's probe may take before it counts as unreachable. Default 5 s.</summary>
    public TimeSpan RegionProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The regions to choose from, instead of the ones generated from <c>regions.json</c> (tests give regions on 127.0.0.1; only
    /// those matching the SSID's kind, demo or real, are used). Null (default): <see cref="Connection.PocketOptionRegions"/>.
    /// </summary>
    public IReadOnlyList<Region>? Regions { get; set; }

    /// <summary>The clock of every timeout, backoff, keep-alive and the server-time estimate. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the client logs (never the SSID's secrets). Default: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The client's name in telemetry (e.g. <c>"eu-demo"</c>), so several accounts in one process stay apart. Default <c>default</c>.</summary>
    public string Name { get; set; } = ClientOptions.DefaultName;

    /// <summary>The <c>Origin</c> header of the WebSocket upgrade. Default <c>https://pocketoption.com</c>.</summary>
    public string Origin { get; set; } = Protocol.PocketOption.Connection.PocketOptionEndpoints.DefaultOrigin;

    /// <summary>
    /// The <c>User-Agent</c> header; null (default) uses the one a real SSID's session was issued to (the server binds the
    /// session to it), or a desktop Chrome's for a demo SSID.
    /// </summary>
    public string? UserAgent { get; set; }

    /// <summary>The asset the client focuses after each login, as the web client does (its ticks keep <see cref="PocketOptionClient.ServerTime"/> fresh); null for none. Default <c>EURUSD_otc</c>.</summary>
    public string? DefaultSymbol { get; set; } = PocketOptionBuilderExtensions.DefaultSymbol;

    /// <summary>How long <see cref="PocketOptionClient.ConnectAsync"/> waits for the login to be accepted. Default 60 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The default timeout of requests (balance, assets, each history page). Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Trading's limits (stake 1–20,000 by default) and timeouts (order answer, result grace, pending orders).</summary>
    public Protocol.PocketOption.Trading.PocketOptionTradingOptions Trading { get; set; } = new();

    /// <summary>Adjusts the runtime's options (reconnect policy, login timeout, …) after the defaults are set.</summary>
    public Action<ClientOptions>? ConfigureClient { get; set; }

    /// <summary>Adds to the client before it is built (more modules, middleware, a raw module).</summary>
    public Action<ClientBuilder<PocketOptionState>>? ConfigureBuilder { get; set; }

    /// <summary>The transport; null (default) is the Socket.IO WebSocket transport. Tests pass the test kit's fake.</summary>
    public ConnectionFactory? Connection { get; set; }

    internal void Validate()
    {
        if (Endpoint is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("PocketOptionOptions.Endpoint must be an absolute ws://, wss://, http:// or https:// URI.", nameof(Endpoint));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentException.ThrowIfNullOrWhiteSpace(Origin, nameof(Origin));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(RequestTimeout, nameof(RequestTimeout));
        Positive(RegionProbeTimeout, nameof(RegionProbeTimeout));
        if (PreferredRegion is not null && string.IsNullOrWhiteSpace(PreferredRegion))
        {
            throw new ArgumentException("PocketOptionOptions.PreferredRegion must name a region (e.g. EUROPE) or be null for the fastest.", nameof(PreferredRegion));
        }
        ArgumentNullException.ThrowIfNull(Trading, nameof(Trading));
        Trading.Validate();
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"PocketOptionOptions.{name} must be positive.");
        }
    }
}
