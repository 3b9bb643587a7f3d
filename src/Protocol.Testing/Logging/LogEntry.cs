using Microsoft.Extensions.Logging;

namespace Protocol.Testing.Logging;

/// <summary>One captured log entry.</summary>
/// <param name="Category">The logger's category.</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
