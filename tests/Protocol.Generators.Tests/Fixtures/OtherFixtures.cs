
namespace Protocol.Generators.Tests.Fixtures;

/// <summary>PocketOption's regions from the repository-root regions.json.</summary>
[ProtocolRegions("regions.json")]
public static partial class PocketOptionRegions;

public enum LogLevel
{
    Debug,
    Info,
    Warning,
}

/// <summary>PocketOption's client configuration (pocketoption.md §6), with the Rust defaults.</summary>
[ProtocolConfiguration]
public sealed partial class PocketOptionConfig
{
    [ConfigRange(0, 10_000)]
    public int MaxAllowedLoops { get; set; } = 100;

    [ConfigRange(1, 3600)]
    public TimeSpan ReconnectTime { get; set; } = TimeSpan.FromSeconds(5);

    [ConfigRange(1, 3600)]
    public TimeSpan ConnectionInitializationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public List<string> Urls { get; set; } = [];

    [ConfigRequired]
    public string UserAgent { get; set; } = "Protocol/0.1";

    public Uri? Proxy { get; set; }

    public LogLevel LogLevel { get; set; } = LogLevel.Info;

    public bool TerminalLogging { get; set; }
}

public sealed partial class TimedOperations(TimeProvider clock)
{
    private readonly TimeProvider _clock = clock;

    public int Calls { get; private set; }

    [ProtocolTimeout(5_000, TimeProvider = nameof(_clock))]
    private async Task<string> FetchCoreAsync(string asset, TimeSpan delay, CancellationToken cancellationToken)
    {
        Calls++;
        await Task.Delay(delay, _clock, cancellationToken);
        return asset;
    }

    [ProtocolTimeout(1_000, Operation = "Ping", TimeProvider = nameof(_clock))]
    private ValueTask PingCoreAsync(TaskCompletionSource done, CancellationToken cancellationToken) => new(done.Task.WaitAsync(cancellationToken));
}
