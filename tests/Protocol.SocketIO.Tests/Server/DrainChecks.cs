using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Protocol.Testing;
using Protocol.Testing.Logging;
using Protocol.Testing.Time;

namespace Protocol.SocketIO.Tests.Server;

/// <summary>
/// What both servers' drain tests check about a handler that ignores the session's end: the session waits for it exactly
/// the drain timeout, then abandons it with a warning, and the handler's later failure is still logged.
/// </summary>
internal static class DrainChecks
{
    private static readonly TimeSpan OneTick = TimeSpan.FromMilliseconds(1);

    // The client closes while the handler hangs: the session is told (its disconnected token) and reads on, then ends with a
    // proper close once the drain timeout has passed on the fake clock, and not a tick sooner. By the time the token is
    // cancelled the session's own timer (idle or ping) is off: the one armed timer is the drain's.
    public static async Task CloseAndWaitOutTheDrainAsync(
        ServerConnection connection, CancellationToken disconnected, TimerCountingTimeProvider clock, CapturingLoggerFactory logs, TimeSpan drainTimeout, int abandonedEvent)
    {
        await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        await ServerSessions.WhenCancelled(disconnected).WithSafetyNet(SafetyNet.NetworkLimit);

        await clock.WaitForActiveTimersAsync(1, SafetyNet.NetworkLimit);
        clock.Advance(drainTimeout - OneTick);
        connection.Session.IsCompleted.ShouldBeFalse("the drain timeout has not passed yet");
        logs.All.ShouldNotContain(e => e.EventId.Id == abandonedEvent);

        clock.Advance(OneTick);
        await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
        (await connection.ReceiveOrBreakAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe("<close>", "the socket is still closed properly");
    }

    // The abandonment is one warning naming the session and the timeout, without the handler's payload ("hang").
    public static void ShouldHaveWarnedOfTheAbandonment(CapturingLoggerFactory logs, int abandonedEvent, string sessionId, TimeSpan drainTimeout)
    {
        var warning = logs.All.Single(e => e.EventId.Id == abandonedEvent);
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain(sessionId);
        warning.Message.ShouldContain(drainTimeout.ToString());
        warning.Message.ShouldContain("abandoned");
        warning.Message.ShouldNotContain("hang");
    }

    // The abandoned handler goes on on its own; its later failure is logged as an error, not left unobserved.
    public static async Task<LogEntry> FailAfterTheAbandonmentAsync(TaskCompletionSource release, CapturingLoggerFactory logs)
    {
        release.SetException(new InvalidOperationException("failed after it was abandoned"));
        var failure = await logs.WaitForAsync(e => e.Exception is InvalidOperationException { Message: "failed after it was abandoned" }, SafetyNet.NetworkLimit);
        failure.Level.ShouldBe(LogLevel.Error);
        return failure;
    }
}
