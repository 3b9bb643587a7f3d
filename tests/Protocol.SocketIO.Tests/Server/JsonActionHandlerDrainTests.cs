using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Protocol.Server.JsonActions;
using Protocol.Testing;
using Protocol.Testing.Logging;
using Protocol.Testing.Time;

namespace Protocol.SocketIO.Tests.Server;

/// <summary>
/// A JSON-action session's end and its running handler: handlers learn of it from
/// <see cref="JsonActionSession.DisconnectedToken"/>, and one that ignores it is abandoned after
/// <see cref="JsonActionServerOptions.HandlerDrainTimeout"/> instead of holding the session, its WebSocket and the server's
/// shutdown for ever.
/// </summary>
public sealed class JsonActionHandlerDrainTests
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    // The JSON-action server's HandlerAbandoned event.
    private const int HandlerAbandonedEvent = 106;

    public enum HandlerKind
    {
        Action,
        Connection,
    }

    public enum SessionEnd
    {
        ClientClosed,
        ClientAborted,
        IdleTimeout,
        MessageTooLarge,
        ServerClose,
        ServerAbort,
        ServerShutdown,
    }

    [Theory]
    [InlineData(HandlerKind.Action)]
    [InlineData(HandlerKind.Connection)]
    public async Task A_handler_that_never_returns_is_abandoned_after_the_drain_timeout_and_the_session_completes(HandlerKind kind)
    {
        // The session's clock is fake: the drain timeout passes only when the test says so.
        var clock = new TimerCountingTimeProvider();
        var logs = new CapturingLoggerFactory();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await WithServerAsync(new JsonActionServerOptions { TimeProvider = clock, LoggerFactory = logs, HandlerDrainTimeout = DrainTimeout }, Test, release);

        // Ignores every cancellation: nothing but the test ever lets it go on.
        async ValueTask Hang()
        {
            started.TrySetResult();
            await release.Task;
        }

        async Task Test(JsonActionServer server)
        {
            if (kind == HandlerKind.Action)
            {
                server.On("hang", _ => Hang());
            }

            var (connection, session, reasons) = await OpenAsync(server, kind == HandlerKind.Connection ? _ => Hang() : null);
            await using var _ = connection;
            if (kind == HandlerKind.Action)
            {
                await connection.SendAsync("""{"action":"hang"}""");
            }

            await started.Task.WithSafetyNet(SafetyNet.NetworkLimit);

            // The session reads while the handler runs: the client's close ends it, and the handler is told.
            await DrainChecks.CloseAndWaitOutTheDrainAsync(connection, session.DisconnectedToken, clock, logs, DrainTimeout, HandlerAbandonedEvent);
            server.Sessions.ShouldBeEmpty();
            session.IsOpen.ShouldBeFalse();
            reasons.ToArray().ShouldBe([JsonActionDisconnectReason.TransportClosed], "Closed is raised once, even when it waited for an abandoned connection handler");
            DrainChecks.ShouldHaveWarnedOfTheAbandonment(logs, HandlerAbandonedEvent, session.Id, DrainTimeout);

            var failure = await DrainChecks.FailAfterTheAbandonmentAsync(release, logs);
            failure.Message.ShouldContain(kind == HandlerKind.Action ? "action" : "connection");
        }
    }

    [Theory]
    [InlineData(HandlerKind.Action)]
    [InlineData(HandlerKind.Connection)]
    public async Task A_handler_that_waits_on_the_token_ends_when_the_client_leaves_and_the_session_does_not_wait_for_the_drain(HandlerKind kind)
    {
        // The fake clock never moves: a session that waited for the drain timeout would never complete.
        var clock = new TimerCountingTimeProvider();
        var logs = new CapturingLoggerFactory();
        var handler = new TokenWaitingHandler();
        await WithServerAsync(new JsonActionServerOptions { TimeProvider = clock, LoggerFactory = logs }, Test);

        async Task Test(JsonActionServer server)
        {
            if (kind == HandlerKind.Action)
            {
                server.On("wait", request =>
                {
                    request.CancellationToken.ShouldBe(request.Session.DisconnectedToken);
                    return handler.WaitAsync(request.CancellationToken);
                });
            }

            var (connection, session, reasons) = await OpenAsync(server, kind == HandlerKind.Connection ? s => handler.WaitAsync(s.DisconnectedToken) : null);
            await using var _ = connection;
            if (kind == HandlerKind.Action)
            {
                await connection.SendAsync("""{"action":"wait"}""");
            }

            await handler.Started.Task.WithSafetyNet(SafetyNet.NetworkLimit);
            session.DisconnectedToken.IsCancellationRequested.ShouldBeFalse();

            await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

            await handler.Ended.Task.WithSafetyNet(SafetyNet.NetworkLimit);
            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
            server.Sessions.ShouldBeEmpty();
            reasons.ToArray().ShouldBe([JsonActionDisconnectReason.TransportClosed]);
            logs.All.ShouldNotContain(e => e.EventId.Id == HandlerAbandonedEvent, "nothing was abandoned");
            logs.All.ShouldNotContain(e => e.Level >= LogLevel.Error, "a handler that stops on its token has not failed");
        }
    }

    [Fact]
    public async Task An_OperationCanceledException_of_a_handlers_own_while_the_session_is_open_is_a_failure_and_the_session_goes_on()
    {
        var logs = new CapturingLoggerFactory();
        await WithServerAsync(new JsonActionServerOptions { TimeProvider = new TimerCountingTimeProvider(), LoggerFactory = logs }, async server =>
        {
            server.On("cancel", _ => throw new OperationCanceledException("a handler's own cancellation"));
            server.On("echo", request => request.Session.SendAsync("echo-reply", null, request.NsJson, request.CancellationToken));
            var (connection, session, _) = await OpenAsync(server);
            await using var _ = connection;

            await connection.SendAsync("""{"action":"cancel"}""");
            await connection.SendAsync("""{"action":"echo","ns":1}""");

            (await connection.ReceiveAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe("""{"action":"echo-reply","ns":1}""");
            session.IsOpen.ShouldBeTrue();
            var failure = logs.All.Single(e => e.Level >= LogLevel.Error);
            failure.Exception.ShouldBeOfType<OperationCanceledException>().Message.ShouldBe("a handler's own cancellation");
            failure.Message.ShouldContain("action");
        });
    }

    [Theory]
    [InlineData(SessionEnd.ClientClosed, JsonActionDisconnectReason.TransportClosed)]
    [InlineData(SessionEnd.ClientAborted, JsonActionDisconnectReason.TransportClosed)]
    [InlineData(SessionEnd.IdleTimeout, JsonActionDisconnectReason.IdleTimeout)]
    [InlineData(SessionEnd.MessageTooLarge, JsonActionDisconnectReason.MessageTooLarge)]
    [InlineData(SessionEnd.ServerClose, JsonActionDisconnectReason.ServerClosed)]
    [InlineData(SessionEnd.ServerAbort, JsonActionDisconnectReason.ServerAborted)]
    [InlineData(SessionEnd.ServerShutdown, JsonActionDisconnectReason.ServerShutdown)]
    public async Task The_disconnected_token_is_cancelled_whichever_way_the_session_ends(SessionEnd end, JsonActionDisconnectReason expected)
    {
        var clock = new TimerCountingTimeProvider();
        var options = new JsonActionServerOptions { TimeProvider = clock, IdleTimeout = TimeSpan.FromSeconds(60), MaxMessageBytes = 1024 };
        await WithServerAsync(options, async server =>
        {
            var (connection, session, reasons) = await OpenAsync(server);
            await using var _ = connection;
            session.DisconnectedToken.IsCancellationRequested.ShouldBeFalse("the session is open");

            switch (end)
            {
                case SessionEnd.ClientClosed:
                    await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
                    break;
                case SessionEnd.ClientAborted:
                    connection.Client.Abort();
                    break;
                case SessionEnd.IdleTimeout:
                    clock.Advance(TimeSpan.FromSeconds(60));
                    break;
                case SessionEnd.MessageTooLarge:
                    await connection.SendAsync("{\"action\":\"big\",\"message\":\"" + new string('x', 2048) + "\"}");
                    break;
                case SessionEnd.ServerClose:
                    await session.CloseAsync().WithSafetyNet(SafetyNet.NetworkLimit);

                    // Cancelled as the session ends, before the close is answered.
                    session.DisconnectedToken.IsCancellationRequested.ShouldBeTrue();
                    (await connection.ReceiveAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe("<close>");
                    await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
                    break;
                case SessionEnd.ServerAbort:
                    session.Abort();
                    session.DisconnectedToken.IsCancellationRequested.ShouldBeTrue();
                    break;
                case SessionEnd.ServerShutdown:
                    await server.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
                    break;
            }

            await WhenCancelled(session.DisconnectedToken).WithSafetyNet(SafetyNet.NetworkLimit);
            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
            reasons.ToArray().ShouldBe([expected]);
            session.IsOpen.ShouldBeFalse();
        });
    }

    [Fact]
    public async Task A_token_callback_that_throws_is_logged_and_neither_stops_the_others_nor_the_sessions_end()
    {
        var logs = new CapturingLoggerFactory();
        await WithServerAsync(new JsonActionServerOptions { TimeProvider = new TimerCountingTimeProvider(), LoggerFactory = logs }, async server =>
        {
            var (connection, session, reasons) = await OpenAsync(server);
            await using var _ = connection;
            using var throwing = session.DisconnectedToken.Register(() => throw new InvalidOperationException("a broken token callback"));
            var other = WhenCancelled(session.DisconnectedToken);

            await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

            await other.WithSafetyNet(SafetyNet.NetworkLimit);
            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
            reasons.ToArray().ShouldBe([JsonActionDisconnectReason.TransportClosed]);
            var failure = await logs.WaitForAsync(e => e.Exception is InvalidOperationException { Message: "a broken token callback" }, SafetyNet.NetworkLimit);
            failure.Level.ShouldBe(LogLevel.Error);
            failure.Message.ShouldContain(session.Id);
            failure.Message.ShouldContain("closed");
        });
    }

    [Fact]
    public async Task A_connection_handler_that_subscribes_to_Closed_after_the_client_left_still_hears_it()
    {
        // The fake clock never moves: the session completes because the handler returned, not by the drain.
        var logs = new CapturingLoggerFactory();
        await WithServerAsync(new JsonActionServerOptions { TimeProvider = new TimerCountingTimeProvider(), LoggerFactory = logs }, async server =>
        {
            var opened = new TaskCompletionSource<JsonActionSession>(TaskCreationOptions.RunContinuationsAsynchronously);
            var subscribe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var closed = new TaskCompletionSource<JsonActionDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
            server.OnConnection(async session =>
            {
                opened.TrySetResult(session);
                await subscribe.Task;
                session.Closed += (_, reason) => closed.TrySetResult(reason);
            });
            await using var connection = await ServerConnection.StartAsync(socket => server.RunSessionAsync(socket));
            var session = await opened.Task.WithSafetyNet(SafetyNet.NetworkLimit);

            await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
            await WhenCancelled(session.DisconnectedToken).WithSafetyNet(SafetyNet.NetworkLimit);
            session.IsOpen.ShouldBeFalse("the session ended while its connection handler ran");

            subscribe.SetResult();

            (await closed.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(JsonActionDisconnectReason.TransportClosed);
            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
            logs.All.ShouldNotContain(e => e.EventId.Id == HandlerAbandonedEvent);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(50d * 24 * 60 * 60 * 1000)] // past what a .NET timer holds
    public void The_drain_timeout_must_be_positive_and_within_a_timers_range(double milliseconds)
    {
        var options = new JsonActionServerOptions { HandlerDrainTimeout = TimeSpan.FromMilliseconds(milliseconds) };

        Should.Throw<ArgumentOutOfRangeException>(() => new JsonActionServer(options)).ParamName.ShouldBe(nameof(JsonActionServerOptions.HandlerDrainTimeout));
    }

    [Fact]
    public async Task The_drain_timeout_is_five_seconds_by_default_and_a_positive_one_is_accepted()
    {
        new JsonActionServerOptions().HandlerDrainTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        await using var server = new JsonActionServer(new JsonActionServerOptions { HandlerDrainTimeout = TimeSpan.FromMilliseconds(1) });
        server.Options.HandlerDrainTimeout.ShouldBe(TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData(nameof(JsonActionServerOptions.IdleTimeout))]
    [InlineData(nameof(JsonActionServerOptions.SendQueueTimeout))]
    [InlineData(nameof(JsonActionServerOptions.PingInterval))]
    public void Every_timeout_is_validated_under_its_own_name(string name)
    {
        var options = new JsonActionServerOptions { PingAction = static _ => """{"action":"ping"}""" };
        switch (name)
        {
            case nameof(JsonActionServerOptions.IdleTimeout):
                options.IdleTimeout = TimeSpan.Zero;
                break;
            case nameof(JsonActionServerOptions.SendQueueTimeout):
                options.SendQueueTimeout = TimeSpan.FromDays(50);
                break;
            default:
                options.PingInterval = TimeSpan.FromSeconds(-1);
                break;
        }

        Should.Throw<ArgumentOutOfRangeException>(() => new JsonActionServer(options)).ParamName.ShouldBe(name);
    }

    // Runs a test on a server, then disposes of it, bounded (see ServerSessions.WithDisposalAsync).
    private static Task WithServerAsync(JsonActionServerOptions options, Func<JsonActionServer, Task> test, TaskCompletionSource? release = null)
        => ServerSessions.WithDisposalAsync(new JsonActionServer(options), test, release);

    // Connects a raw client: the server's session for it and the reasons its Closed reported. The test's own connection
    // handler runs after the session is handed over, so it may hang.
    private static async Task<(ServerConnection Connection, JsonActionSession Session, ConcurrentQueue<JsonActionDisconnectReason> Reasons)> OpenAsync(
        JsonActionServer server, Func<JsonActionSession, ValueTask>? onConnection = null)
    {
        var opened = new TaskCompletionSource<JsonActionSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reasons = new ConcurrentQueue<JsonActionDisconnectReason>();
        server.OnConnection(session =>
        {
            session.Closed += (_, reason) => reasons.Enqueue(reason);
            opened.TrySetResult(session);
            return onConnection?.Invoke(session) ?? ValueTask.CompletedTask;
        });
        var connection = await ServerConnection.StartAsync(socket => server.RunSessionAsync(socket));
        return (connection, await opened.Task.WithSafetyNet(SafetyNet.NetworkLimit), reasons);
    }

    private static Task WhenCancelled(CancellationToken token)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => cancelled.TrySetResult());
        return cancelled.Task;
    }
}
