using Microsoft.Extensions.Logging;

namespace Protocol;

// The log lines of on-Ready hooks and periodic sends, compiled once. Like RuntimeLog, nothing here takes message
// contents (they may carry session tokens). Ids 40+ keep clear of RuntimeLog's.
internal static partial class LifecycleLog
{
    [LoggerMessage(40, LogLevel.Error, "On-Ready hook {Hook} failed; the next hooks still run and the session still becomes Ready")]
    public static partial void ReadyHookFailed(ILogger logger, string hook, Exception error);

    [LoggerMessage(41, LogLevel.Error, "On-Ready hook {Hook} did not finish within {Timeout}; the next hooks still run and the session still becomes Ready")]
    public static partial void ReadyHookTimedOut(ILogger logger, string hook, TimeSpan timeout);

    [LoggerMessage(42, LogLevel.Warning, "On-Ready hook {Hook} failed the session: {Reason}; reconnecting with backoff")]
    public static partial void SessionFailedByHook(ILogger logger, string hook, string reason);

    [LoggerMessage(43, LogLevel.Warning, "Periodic send {Name} failed; it runs again on its next tick")]
    public static partial void PeriodicSendFailed(ILogger logger, string name, Exception error);

    [LoggerMessage(44, LogLevel.Error, "Periodic sends did not stop within {Timeout}; they ignore cancellation")]
    public static partial void PeriodicSendsDidNotStop(ILogger logger, TimeSpan timeout);

    [LoggerMessage(45, LogLevel.Warning, "The connection closed during the login ({Reason}); the login hook decided: {Outcome}")]
    public static partial void ClosedDuringLogin(ILogger logger, DisconnectReason reason, LoginOutcome outcome);

    [LoggerMessage(46, LogLevel.Warning, "Restoring the subscriptions of {Starter} failed; the session is closed and retried with backoff")]
    public static partial void SessionStarterFailed(ILogger logger, string starter, Exception error);

    [LoggerMessage(47, LogLevel.Warning, "Restoring the subscriptions of {Starter} did not finish within {Timeout}; the session is closed and retried with backoff")]
    public static partial void SessionStarterTimedOut(ILogger logger, string starter, TimeSpan timeout);

    [LoggerMessage(48, LogLevel.Error, "Stream {Stream} could not build the start messages of a key; its {Subscribers} subscriptions were ended with SubscriptionStartException")]
    public static partial void StreamStartFailed(ILogger logger, string stream, int subscribers, Exception error);

    [LoggerMessage(49, LogLevel.Warning, "Stream {Stream} could not send the stop message of a key whose last subscriber left; its updates are dropped on arrival")]
    public static partial void StreamStopFailed(ILogger logger, string stream, Exception error);

    [LoggerMessage(50, LogLevel.Error, "The loops of {Starter} did not stop within {Timeout} of the client's disposal; they ignore cancellation")]
    public static partial void SessionStarterDidNotStop(ILogger logger, string starter, TimeSpan timeout);
}
