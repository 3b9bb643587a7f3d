using Microsoft.Extensions.Logging;

namespace Protocol.Server.SocketIO;

/// <summary>The server's log messages. Never pass auth objects or payloads here.</summary>
internal static partial class SocketIOServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Engine.IO session {SessionId} opened")]
    public static partial void SessionOpened(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Engine.IO session {SessionId} closed: {Reason}")]
    public static partial void SessionClosed(ILogger logger, string sessionId, SocketIOServerDisconnectReason reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Session {SessionId} joined {Namespace} as socket {SocketId}")]
    public static partial void Joined(ILogger logger, string sessionId, string @namespace, string socketId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Session {SessionId} refused on {Namespace}")]
    public static partial void Refused(ILogger logger, string sessionId, string @namespace);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "A {Stage} handler of session {SessionId} threw; the session continues")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string stage, string sessionId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Session {SessionId} sent something that is not Engine.IO v4 / Socket.IO v5; it was closed")]
    public static partial void ProtocolError(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Session {SessionId}: no handler for an event on {Namespace}")]
    public static partial void Unhandled(ILogger logger, string sessionId, string @namespace);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Session {SessionId} ended but its running handler did not return within {DrainTimeout}; the handler was abandoned and the session closed without it")]
    public static partial void HandlerAbandoned(ILogger logger, string sessionId, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Session {SessionId} could not answer its join of {Namespace}: the client did not take what was sent within the send-queue timeout; the session was closed")]
    public static partial void JoinUnanswered(ILogger logger, Exception exception, string sessionId, string @namespace);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "The handler loop of session {SessionId} failed outside the application's handlers; the session was closed")]
    public static partial void HandlingFailed(ILogger logger, Exception exception, string sessionId);
}
