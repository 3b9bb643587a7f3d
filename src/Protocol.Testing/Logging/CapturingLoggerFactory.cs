using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Protocol.Testing.Logging;

/// <summary>
/// A logger factory that keeps every entry, for tests: pass it to <c>ClientBuilder.UseLoggerFactory</c>, then assert on
/// <see cref="All"/> or await an entry with <see cref="WaitForAsync"/>.
/// </summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly Channel<LogEntry> _entries = Channel.CreateUnbounded<LogEntry>();
    private readonly List<LogEntry> _all = [];

    /// <summary>Every entry so far, in order.</summary>
    public IReadOnlyList<LogEntry> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    /// <summary>Waits for the next entry (not yet awaited by an earlier call) that <paramref name="match"/> accepts.</summary>
    /// <param name="match">The condition.</param>
    /// <param name="timeout">A safety bound for a test that would otherwise hang; 5 s when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="TimeoutException">No such entry in time; the message lists what was logged.</exception>
    public async Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        return await Waiting.NextMatchingAsync(_entries.Reader, match, timeout, limit => $"No matching log entry within {limit}; logged so far: {All.Count} entries.", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (_all)
        {
            _all.Add(entry);
        }

        _entries.Writer.TryWrite(entry);
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
