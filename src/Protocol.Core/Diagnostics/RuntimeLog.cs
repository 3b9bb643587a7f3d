using Microsoft.Extensions.Logging;

namespace Protocol;

// Every runtime log line, compiled once. Nothing here takes message contents: they may carry session tokens.
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Information, "Connection state {Previous} -> {Current} (endpoint {Endpoint}, attempt {Attempt})")]
    public static partial void StateChanged(ILogger logger, ConnectionState previous, ConnectionState current, string? endpoint, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "Connecting to {Endpoint} failed; trying the next endpoint or backing off")]
    public static partial void ConnectFailed(ILogger logger, string endpoint, Exception error);

    [LoggerMessage(3, LogLevel.Information, "Reconnect attempt {Attempt} in {Delay}")]
    public static partial void ReconnectScheduled(ILogger logger, int attempt, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Error, "The platform rejected the login: {Reason}. Not retrying; fix the credentials/session and connect again")]
    public static partial void LoginRejected(ILogger logger, string reason);

    [LoggerMessage(5, LogLevel.Error, "Giving up after {Attempts} failed reconnect attempts")]
    public static partial void AttemptsExhausted(ILogger logger, int attempts);

    [LoggerMessage(6, LogLevel.Warning, "Disconnected from {Endpoint}: {Reason} {Description}")]
    public static partial void Disconnected(ILogger logger, string endpoint, DisconnectReason reason, string? description);

    [LoggerMessage(7, LogLevel.Error, "Middleware {Middleware} threw in {Hook}; it was skipped")]
    public static partial void MiddlewareFailed(ILogger logger, string middleware, string hook, Exception error);

    [LoggerMessage(8, LogLevel.Error, "Lightweight handler {Handler} threw; the message still went to the other handlers and modules")]
    public static partial void HandlerFailed(ILogger logger, string handler, Exception error);

    [LoggerMessage(9, LogLevel.Error, "The rule of module {Module} threw; treated as no match")]
    public static partial void RuleFailed(ILogger logger, string module, Exception error);

    [LoggerMessage(10, LogLevel.Warning, "Module {Module} inbox is full; a message was dropped ({Dropped} so far). The module is too slow or restarting")]
    public static partial void InboxFull(ILogger logger, string module, long dropped);

    [LoggerMessage(11, LogLevel.Error, "Module {Module} crashed (restart {Restarts}); restarting in {Delay}")]
    public static partial void ModuleCrashed(ILogger logger, string module, int restarts, TimeSpan delay, Exception error);

    [LoggerMessage(12, LogLevel.Information, "Module {Module} finished")]
    public static partial void ModuleFinished(ILogger logger, string module);

    [LoggerMessage(14, LogLevel.Error, "A state-change event handler threw; ignored")]
    public static partial void StateHandlerFailed(ILogger logger, Exception error);

    [LoggerMessage(15, LogLevel.Warning, "Login on {Endpoint} did not complete: {Error}")]
    public static partial void LoginFailed(ILogger logger, string endpoint, string error);

    [LoggerMessage(16, LogLevel.Error, "The login hook threw while reading a message; treated as pending")]
    public static partial void LoginHookFailed(ILogger logger, Exception error);

    [LoggerMessage(17, LogLevel.Debug, "Subscription dropped an item ({Dropped} so far) under policy {Policy}")]
    public static partial void SubscriptionDropped(ILogger logger, long dropped, string policy);

    [LoggerMessage(19, LogLevel.Error, "Some modules did not stop within {Timeout} of disposal; they ignore their CancellationToken")]
    public static partial void ModulesDidNotStop(ILogger logger, TimeSpan timeout);

    [LoggerMessage(18, LogLevel.Warning, "Sending a login reply failed; the session is abandoned")]
    public static partial void LoginSendFailed(ILogger logger, Exception error);

    [LoggerMessage(20, LogLevel.Warning, "Module {Module} dropped a '{Message}' message whose data did not have the declared shape ({Dropped} unreadable so far); check the message declaration against what the platform sends")]
    public static partial void UnreadableMessage(ILogger logger, string module, string message, long dropped);

    [LoggerMessage(21, LogLevel.Error, "Module {Module} threw while handling a '{Message}' message; the message still reached the other handlers, commands and streams")]
    public static partial void ModuleSinkFailed(ILogger logger, string module, string message, Exception error);

    [LoggerMessage(22, LogLevel.Information, "Received a '{Message}' message that no module declares ({Count} so far); the platform may have added or renamed an event")]
    public static partial void UnknownMessage(ILogger logger, string message, long count);

    [LoggerMessage(30, LogLevel.Information, "A '{Message}' message carried a field '{Field}' that its declaration does not have ({Count} so far); the platform may have added or renamed a field")]
    public static partial void UnknownField(ILogger logger, string message, string field, long count);
}
