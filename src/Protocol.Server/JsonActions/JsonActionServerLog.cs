using Microsoft.Extensions.Logging;

namespace Protocol.Server.JsonActions;

/// <summary>The JSON-action server's log messages. Never pass frames or tokens here.</summary>
internal static partial class JsonActionServerLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "JSON-action session {SessionId} opened")]
    public static partial void Opened(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "JSON-action session {SessionId} closed: {Reason}")]
    public static partial void Closed(ILogger logger, string sessionId, JsonActionDisconnectReason reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Session {SessionId} sent a frame that is not a JSON object with a string '{Property}'; it was ignored")]
    public static partial void NotAnAction(ILogger logger, string sessionId, string property);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "A {Stage} handler of session {SessionId} threw; the session continues")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string stage, string sessionId);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Session {SessionId}: no handler for action {Action}")]
    public static partial void Unhandled(ILogger logger, string sessionId, string action);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "JSON-action session {SessionId} ended but its running handler did not return within {DrainTimeout}; the handler was abandoned and the session closed without it")]
    public static partial void HandlerAbandoned(ILogger logger, string sessionId, TimeSpan drainTimeout);
}
