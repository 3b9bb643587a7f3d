using Microsoft.Extensions.Logging;

namespace Protocol;

// The raw module's log lines; never a message's content (it may carry a session). Ids 75+ keep clear of the others.
internal static partial class RawLog
{
    [LoggerMessage(75, LogLevel.Warning, "Raw keep-alive #{Id} could not be sent; it is tried again on its next tick or after the next login")]
    public static partial void KeepAliveFailed(ILogger logger, long id, Exception error);
}
