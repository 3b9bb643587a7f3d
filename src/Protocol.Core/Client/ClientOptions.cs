namespace Protocol;

/// <summary>Timeouts, capacities and policies of a client. Every wait the runtime does is bounded by one of these.</summary>
public sealed class ClientOptions
{
    /// <summary>The <see cref="Name"/> of a client that was not given one.</summary>
    public const string DefaultName = "default";

    /// <summary>The <see cref="Platform"/> of a client whose platform package did not set one.</summary>
    public const string DefaultPlatform = "unknown";

    /// <summary>
    /// The client's name, carried by every metric and span it records as <c>protocol.client.name</c>, so several clients in
    /// one process stay apart (give each its own, e.g. <c>"eu-demo"</c>). Not a secret: never put a token or account id here.
    /// Default <see cref="DefaultName"/>; at most 64 characters.
    /// </summary>
    public string Name { get; set; } = DefaultName;

    /// <summary>
    /// The platform's name (e.g. <c>"pocketoption"</c>), carried by every metric and span as <c>protocol.platform</c>. A platform
    /// package sets it; default <see cref="DefaultPlatform"/>; at most 64 characters.
    /// </summary>
    public string Platform { get; set; } = DefaultPlatform;

    /// <summary>Reconnect policy.</summary>
    public ReconnectOptions Reconnect { get; set; } = new();

    /// <summary>
    /// In which order the endpoints are tried: as added (default), by measured handshake latency, or a preferred one first
    /// (see <see cref="EndpointOrderOptions"/>).
    /// </summary>
    public EndpointOrderOptions EndpointOrder { get; set; } = new();

    /// <summary>How long one endpoint may take to open its transport. Default 15 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the platform may take to accept or reject the login. Default 30 s.</summary>
    public TimeSpan LoginTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The timeout of commands that do not give their own. Default 30 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one send may wait for the transport when the transport cannot take it at once (its writer is busy or
    /// the socket is slow); the send then fails with <see cref="ConnectionLostException"/> and may or may not
    /// have reached the platform. A full send queue fails sooner and typed on the transport's own timeout. A send the
    /// transport completes at once arms no timer. Default 10 s.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one middleware hook or on-Ready hook may run. Default 10 s.</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a graceful close may take before the transport is aborted. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The capacity of each module's inbox; when full the router drops (and counts) rather than stall the socket. Default 1024.</summary>
    public int ModuleInboxCapacity { get; set; } = 1024;

    /// <summary>The first delay before restarting a crashed module. Default 1 s.</summary>
    public TimeSpan ModuleRestartBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest delay before restarting a crashed module. Default 60 s.</summary>
    public TimeSpan ModuleRestartCap { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a module instance must run for its crash counter to reset. Default 30 s.</summary>
    public TimeSpan ModuleStableAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The rate limit of module commands (a token bucket; see <see cref="CommandRateLimitOptions"/>): a command past the
    /// limit waits for a token within its own timeout, so a caller in a loop is slowed rather than disconnected by the platform.
    /// Control frames (pongs, login, keep-alives, subscription replays) are never limited. Default null: no limit (a platform
    /// package sets its own default).
    /// </summary>
    public CommandRateLimitOptions? CommandRateLimit { get; set; }

    internal void Validate()
    {
        Reconnect.Validate();
        ArgumentNullException.ThrowIfNull(EndpointOrder, nameof(EndpointOrder));
        EndpointOrder.Validate();
        CommandRateLimit?.Validate();
        TagValue(Name, nameof(Name));
        TagValue(Platform, nameof(Platform));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(LoginTimeout, nameof(LoginTimeout));
        Positive(CommandTimeout, nameof(CommandTimeout));
        Positive(SendTimeout, nameof(SendTimeout));
        Positive(CallbackTimeout, nameof(CallbackTimeout));
        Positive(CloseTimeout, nameof(CloseTimeout));
        Positive(ModuleRestartBase, nameof(ModuleRestartBase));
        if (ModuleRestartCap < ModuleRestartBase)
        {
            throw new ArgumentOutOfRangeException(nameof(ModuleRestartCap), ModuleRestartCap, "ModuleRestartCap must be at least ModuleRestartBase.");
        }

        if (ModuleInboxCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ModuleInboxCapacity), ModuleInboxCapacity, "ModuleInboxCapacity must be at least 1.");
        }
    }

    private static void TagValue(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64)
        {
            throw new ArgumentException($"{name} must be 1 to 64 characters and not blank (it is a telemetry tag value).", name);
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }
}
