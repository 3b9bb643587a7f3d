using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Protocol.Core.Tests.Support;

public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

// Captures every log entry; tests await specific ones (a wall-clock safety timeout, never a sleep).
public sealed class CapturingLoggerFactory : ILoggerFactory, ILoggerProvider
{
    private readonly Channel<LogEntry> _entries = Channel.CreateUnbounded<LogEntry>();
    private readonly List<LogEntry> _all = [];

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

    public async Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var entry = await _entries.Reader.ReadAsync(cts.Token);
            if (match(entry))
            {
                return entry;
            }
        }
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

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
