using Microsoft.Extensions.Logging;

namespace Protocol.SocketIO;

/// <summary>The connection's log messages. Never pass auth objects, query values or payloads here.</summary>
internal static partial class SocketIOLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connecting to {Endpoint} (query values not logged)")]
    public static partial void Connecting(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Engine.IO session open: pingInterval {PingInterval} ms, pingTimeout {PingTimeout} ms, maxPayload {MaxPayload} bytes")]
    public static partial void Opened(ILogger logger, double pingInterval, double pingTimeout, int maxPayload);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Namespace {Namespace} connected")]
    public static partial void NamespaceConnected(ILogger logger, string @namespace);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Namespace {Namespace} refused by the server: {ServerMessage}")]
    public static partial void NamespaceRefused(ILogger logger, string @namespace, string serverMessage);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Namespace {Namespace} disconnected by the server")]
    public static partial void NamespaceDisconnected(ILogger logger, string @namespace);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "The message handler threw on a {Kind} message; the connection continues")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, Protocol.MessageKind kind);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "No frame from the server (not even a ping) within {Window} ms: the link is considered dead")]
    public static partial void PingTimeout(ILogger logger, double window);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Connection closed: {Reason} ({Description})")]
    public static partial void Closed(ILogger logger, Exception? exception, SocketIODisconnectReason reason, string description);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Ignored Engine.IO packet of type {Type}")]
    public static partial void IgnoredEnginePacket(ILogger logger, Protocol.SocketIO.EngineIO.EngineIOPacketType type);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Ack {AckId} matches no pending emit (timed out or cancelled); passed to the handler only")]
    public static partial void UnmatchedAck(ILogger logger, long ackId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Event Disconnected handler threw")]
    public static partial void DisconnectedHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Event NamespaceDisconnected handler threw for namespace {Namespace}")]
    public static partial void NamespaceHandlerFailed(ILogger logger, Exception exception, string @namespace);
}
