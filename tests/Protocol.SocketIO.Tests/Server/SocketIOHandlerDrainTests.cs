using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Protocol.Server.SocketIO;
using Protocol.Testing;
using Protocol.Testing.Logging;
using Protocol.Testing.Time;
using static Protocol.SocketIO.Tests.Server.ServerSessions;

namespace Protocol.SocketIO.Tests.Server;

/// <summary>
/// A session's end and its running handler: handlers learn of it from <see cref="SocketIOServerSocket.DisconnectedToken"/>,
/// and one that ignores it is abandoned after <see cref="SocketIOServerOptions.HandlerDrainTimeout"/> instead of holding the
/// session, its WebSocket and the server's shutdown for ever.
/// </summary>
public sealed class SocketIOHandlerDrainTests
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    // The Socket.IO server's HandlerAbandoned event.
    private const int HandlerAbandonedEvent = 8;

    public enum HandlerKind
    {
        Event,
        Connection,
    }

    public enum SocketEnd
    {
        ClientLeftNamespace,
        ClientClosed,
        ServerDisconnect,
        ServerDisconnectWithSession,
        ServerAbort,
        PingTimeout,
    }

    [Theory]
    [InlineData(HandlerKind.Event)]
    [InlineData(HandlerKind.Connection)]
    public async Task A_handler_that_never_returns_is_abandoned_after_the_drain_timeout_and_the_session_completes(HandlerKind kind)
    {
        // The connection's clock is fake: the drain timeout passes only when the test says so.
        var clock = new TimerCountingTimeProvider();
        var logs = new CapturingLoggerFactory();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await WithServerAsync(new SocketIOServerOptions { TimeProvider = clock, LoggerFactory = logs, HandlerDrainTimeout = DrainTimeout }, Test, release);

        // Ignores every cancellation: nothing but the test ever lets it go on.
        async ValueTask Hang()
        {
            started.TrySetResult();
            await release.Task;
        }

        async Task Test(SocketIOServer server)
        {
            var (connection, socket) = await JoinAsync(server, kind == HandlerKind.Connection ? s => Hang() : s =>
            {
                s.On("hang", _ => Hang());
                return ValueTask.CompletedTask;
            });
            await using var _ = connection;
            if (kind == HandlerKind.Event)
            {
                await connection.SendAsync("42[\"hang\"]");
            }

            await started.Task.WithSafetyNet(SafetyNet.NetworkLimit);

            await DrainChecks.CloseAndWaitOutTheDrainAsync(connection, socket.DisconnectedToken, clock, logs, DrainTimeout, HandlerAbandonedEvent);
            server.SessionCount.ShouldBe(0);
            server.Of("/").Sockets.ShouldBeEmpty();
            DrainChecks.ShouldHaveWarnedOfTheAbandonment(logs, HandlerAbandonedEvent, socket.SessionId, DrainTimeout);

            await DrainChecks.FailAfterTheAbandonmentAsync(release, logs);
        }
    }

    [Fact]
    public async Task Disconnected_is_raised_when_the_drain_abandons_the_connection_handler_it_waited_for()
    {
        var clock = new TimerCountingTimeProvider();
        var logs = new CapturingLoggerFactory();
        var reasons = new ConcurrentQueue<SocketIOServerDisconnectReason>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await WithServerAsync(new SocketIOServerOptions { TimeProvider = clock, LoggerFactory = logs, HandlerDrainTimeout = DrainTimeout }, async server =>
        {
            // Subscribes, as an application sets its socket up, then hangs ignoring every cancellation.
            var (connection, socket) = await JoinAsync(server, async s =>
            {
                s.Disconnected += (_, reason) => reasons.Enqueue(reason);
                started.TrySetResult();
                await release.Task;
            });
            await using var _ = connection;
            await started.Task.WithSafetyNet(SafetyNet.NetworkLimit);

            await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
            await WhenCancelled(socket.DisconnectedToken).WithSafetyNet(SafetyNet.NetworkLimit);
            socket.IsConnected.ShouldBeFalse();
            reasons.ShouldBeEmpty("the leave is announced once the connection handlers are done");

            await clock.WaitForActiveTimersAsync(1, SafetyNet.NetworkLimit);
            clock.Advance(DrainTimeout);
            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);

            // Abandoned is done as far as the session is concerned: the leave that waited for it is announced.
            logs.All.ShouldContain(e => e.EventId.Id == HandlerAbandonedEvent);
            reasons.ToArray().ShouldBe([SocketIOServerDisconnectReason.TransportClosed]);
        }, release);
    }

    [Theory]
    [InlineData(HandlerKind.Event)]
    [InlineData(HandlerKind.Connection)]
    public async Task A_handler_that_waits_on_the_token_ends_when_the_client_leaves_and_the_session_does_not_wait_for_the_drain(HandlerKind kind)
    {
        // The fake clock never moves: a session that waited for the drain timeout would never complete.
        var clock = new TimerCountingTimeProvider();
        var logs = new CapturingLoggerFactory();
        var handler = new TokenWaitingHandler();
        await WithServerAsync(new SocketIOServerOptions { TimeProvider = clock, LoggerFactory = logs }, Test);

        async Task Test(SocketIOServer server)
        {
            var (connection, socket) = await JoinAsync(server, kind == HandlerKind.Connection ? s => handler.WaitAsync(s.DisconnectedToken) : s =>
            {
                s.On("wait", e =>
                {
                    e.CancellationToken.ShouldBe(s.DisconnectedToken);
                    return handler.WaitAsync(e.CancellationToken);
                });
                return ValueTask.CompletedTask;
            });
            await using var _ = connection;
            if (kind == HandlerKind.Event)
            {
                await connection.SendAsync("42[\"wait\"]");
            }

            await handler.Started.Task.WithSafetyNet(SafetyNet.NetworkLimit);
            socket.DisconnectedToken.IsCancellationRequested.ShouldBeFalse();

            await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

            await handler.Ended.Task.WithSafetyNet(SafetyNet.NetworkLimit);
            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
            server.SessionCount.ShouldBe(0);
            logs.All.ShouldNotContain(e => e.EventId.Id == HandlerAbandonedEvent, "nothing was abandoned");
            logs.All.ShouldNotContain(e => e.Level >= LogLevel.Error, "a handler that stops on its token has not failed");
        }
    }

    [Theory]
    [InlineData(SocketEnd.ClientLeftNamespace, SocketIOServerDisconnectReason.ClientLeft)]
    [InlineData(SocketEnd.ClientClosed, SocketIOServerDisconnectReason.TransportClosed)]
    [InlineData(SocketEnd.ServerDisconnect, SocketIOServerDisconnectReason.ServerDisconnect)]
    [InlineData(SocketEnd.ServerDisconnectWithSession, SocketIOServerDisconnectReason.ServerDisconnect)]
    [InlineData(SocketEnd.ServerAbort, SocketIOServerDisconnectReason.ServerAbort)]
    [InlineData(SocketEnd.PingTimeout, SocketIOServerDisconnectReason.PingTimeout)]
    public async Task The_disconnected_token_is_cancelled_whichever_way_the_socket_leaves(SocketEnd end, SocketIOServerDisconnectReason expected)
    {
        var clock = new TimerCountingTimeProvider();
        await WithServerAsync(new SocketIOServerOptions { TimeProvider = clock }, async server =>
        {
            var (connection, socket) = await JoinAsync(server);
            await using var _ = connection;
            var reason = new TaskCompletionSource<SocketIOServerDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
            socket.Disconnected += (_, r) => reason.TrySetResult(r);
            socket.DisconnectedToken.IsCancellationRequested.ShouldBeFalse("the socket is connected");

            switch (end)
            {
                case SocketEnd.ClientLeftNamespace:
                    await connection.SendAsync("41");
                    break;
                case SocketEnd.ClientClosed:
                    await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
                    break;
                case SocketEnd.ServerDisconnect or SocketEnd.ServerDisconnectWithSession:
                    await socket.DisconnectAsync(closeSession: end == SocketEnd.ServerDisconnectWithSession).WithSafetyNet(SafetyNet.NetworkLimit);

                    // Cancelled as the socket leaves, before the call returns.
                    socket.DisconnectedToken.IsCancellationRequested.ShouldBeTrue();
                    break;
                case SocketEnd.ServerAbort:
                    socket.AbortSession();
                    socket.DisconnectedToken.IsCancellationRequested.ShouldBeTrue();
                    break;
                case SocketEnd.PingTimeout:
                    // A ping the client never answers, then the pong timeout (25 s and 20 s by default).
                    clock.Advance(TimeSpan.FromSeconds(25));
                    clock.Advance(TimeSpan.FromSeconds(20));
                    break;
            }

            await WhenCancelled(socket.DisconnectedToken).WithSafetyNet(SafetyNet.NetworkLimit);
            (await reason.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(expected);
            socket.IsConnected.ShouldBeFalse();
        });
    }

    [Fact]
    public async Task A_token_callback_that_throws_is_logged_and_neither_stops_the_others_nor_the_sessions_end()
    {
        var logs = new CapturingLoggerFactory();
        await WithServerAsync(new SocketIOServerOptions { TimeProvider = new TimerCountingTimeProvider(), LoggerFactory = logs }, async server =>
        {
            var (connection, socket) = await JoinAsync(server);
            await using var _ = connection;
            using var throwing = socket.DisconnectedToken.Register(() => throw new InvalidOperationException("a broken token callback"));
            var other = WhenCancelled(socket.DisconnectedToken);

            await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

            await other.WithSafetyNet(SafetyNet.NetworkLimit);
            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
            var failure = await logs.WaitForAsync(e => e.Exception is InvalidOperationException { Message: "a broken token callback" }, SafetyNet.NetworkLimit);
            failure.Level.ShouldBe(LogLevel.Error);
            failure.Message.ShouldContain(socket.SessionId);
        });
    }

    [Fact]
    public async Task A_slow_authorizer_that_waits_on_the_requests_token_stops_when_the_client_leaves_and_the_session_does_not_wait_for_the_drain()
    {
        // The fake clock never moves: a session that waited for the drain timeout would never complete.
        var logs = new CapturingLoggerFactory();
        var deciding = new TaskCompletionSource<SocketIOConnectRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await WithServerAsync(new SocketIOServerOptions { TimeProvider = new TimerCountingTimeProvider(), LoggerFactory = logs }, async server =>
        {
            server.Of("/").Authorize(async request =>
            {
                deciding.TrySetResult(request);
                try
                {
                    // Throws the OperationCanceledException of its token: the session's end, not a failure.
                    await Task.Delay(Timeout.Infinite, request.CancellationToken);
                    return SocketIOConnectDecision.Accept;
                }
                finally
                {
                    ended.TrySetResult();
                }
            });
            await using var connection = await AskToJoinAsync(server);
            var request = await deciding.Task.WithSafetyNet(SafetyNet.NetworkLimit);
            request.CancellationToken.IsCancellationRequested.ShouldBeFalse("the client is still there");

            await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

            await ended.Task.WithSafetyNet(SafetyNet.NetworkLimit);
            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
            request.CancellationToken.IsCancellationRequested.ShouldBeTrue();
            (await connection.ReceiveOrBreakAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe("<close>", "the join was not answered");
            server.SessionCount.ShouldBe(0);
            server.Of("/").Sockets.ShouldBeEmpty();
            logs.All.ShouldNotContain(e => e.EventId.Id == HandlerAbandonedEvent, "nothing was abandoned");
            logs.All.ShouldNotContain(e => e.Level >= LogLevel.Error, "an authorizer that stops on its token has not failed");
        });
    }

    [Fact]
    public async Task An_authorizer_that_ignores_the_token_is_abandoned_after_the_drain_timeout_and_its_late_failure_is_logged()
    {
        var clock = new TimerCountingTimeProvider();
        var logs = new CapturingLoggerFactory();
        var deciding = new TaskCompletionSource<SocketIOConnectRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await WithServerAsync(new SocketIOServerOptions { TimeProvider = clock, LoggerFactory = logs, HandlerDrainTimeout = DrainTimeout }, async server =>
        {
            // Ignores every cancellation: nothing but the test ever lets it go on.
            server.Of("/").Authorize(async request =>
            {
                deciding.TrySetResult(request);
                await release.Task;
                return SocketIOConnectDecision.Accept;
            });
            await using var connection = await AskToJoinAsync(server);
            var request = await deciding.Task.WithSafetyNet(SafetyNet.NetworkLimit);

            await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
            await WhenCancelled(request.CancellationToken).WithSafetyNet(SafetyNet.NetworkLimit);

            // The session's ping and connect timers are off by the time the token is cancelled: the one armed timer is
            // the drain's.
            await clock.WaitForActiveTimersAsync(1, SafetyNet.NetworkLimit);
            clock.Advance(DrainTimeout - TimeSpan.FromMilliseconds(1));
            connection.Session.IsCompleted.ShouldBeFalse("the drain timeout has not passed yet");

            clock.Advance(TimeSpan.FromMilliseconds(1));
            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
            (await connection.ReceiveOrBreakAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe("<close>", "the join was not answered");
            server.SessionCount.ShouldBe(0);
            var warning = logs.All.Single(e => e.EventId.Id == HandlerAbandonedEvent);
            warning.Level.ShouldBe(LogLevel.Warning);
            warning.Message.ShouldContain(request.SessionId);

            // The abandoned authorizer goes on on its own, as a handler does.
            var failure = await DrainChecks.FailAfterTheAbandonmentAsync(release, logs);
            failure.Message.ShouldContain("authorize");
            server.Of("/").Sockets.ShouldBeEmpty();
        }, release);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(50d * 24 * 60 * 60 * 1000)] // past what a .NET timer holds
    public void The_drain_timeout_must_be_positive_and_within_a_timers_range(double milliseconds)
    {
        var options = new SocketIOServerOptions { HandlerDrainTimeout = TimeSpan.FromMilliseconds(milliseconds) };

        Should.Throw<ArgumentOutOfRangeException>(() => new SocketIOServer(options)).ParamName.ShouldBe(nameof(SocketIOServerOptions.HandlerDrainTimeout));
    }

    [Fact]
    public async Task The_drain_timeout_is_five_seconds_by_default_and_a_positive_one_is_accepted()
    {
        new SocketIOServerOptions().HandlerDrainTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        await using var server = new SocketIOServer(new SocketIOServerOptions { HandlerDrainTimeout = TimeSpan.FromMilliseconds(1) });
        server.Options.HandlerDrainTimeout.ShouldBe(TimeSpan.FromMilliseconds(1));
    }
}
