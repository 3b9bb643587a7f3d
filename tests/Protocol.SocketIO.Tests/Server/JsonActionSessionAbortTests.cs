using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using Protocol.Server.JsonActions;
using Protocol.Testing;

namespace Protocol.SocketIO.Tests.Server;

/// <summary>A JSON-action session's abort, dispose and close, at every point of its life.</summary>
public sealed class JsonActionSessionAbortTests
{
    private static async Task<(ServerConnection Connection, JsonActionSession Session, ConcurrentQueue<JsonActionDisconnectReason> Reasons)> ConnectAsync(JsonActionServer server)
    {
        var opened = new TaskCompletionSource<JsonActionSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reasons = new ConcurrentQueue<JsonActionDisconnectReason>();
        server.OnConnection(session =>
        {
            session.Closed += (_, reason) => reasons.Enqueue(reason);
            opened.TrySetResult(session);
            return ValueTask.CompletedTask;
        });
        var connection = await ServerConnection.StartAsync(socket => server.RunSessionAsync(socket));
        return (connection, await opened.Task.WithSafetyNet(), reasons);
    }

    [Fact]
    public async Task DisposeAsync_on_a_live_session_drops_the_client_without_a_close_and_the_session_ends()
    {
        // The fake clock never moves: only the dispose can end the session.
        await using var server = new JsonActionServer(new JsonActionServerOptions { TimeProvider = new FakeTimeProvider() });
        var (connection, session, reasons) = await ConnectAsync(server);
        await using var _ = connection;

        await session.DisposeAsync().AsTask().WithSafetyNet();

        (await connection.ReceiveOrBreakAsync()).ShouldBe("<broken>", "an abort sends no close frame");
        await connection.Session.WithSafetyNet();
        session.IsOpen.ShouldBeFalse();
        reasons.ToArray().ShouldBe([JsonActionDisconnectReason.ServerAborted]);
        server.Sessions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Abort_while_a_close_waits_for_the_clients_answer_drops_the_connection_at_once()
    {
        await using var server = new JsonActionServer(new JsonActionServerOptions { TimeProvider = new FakeTimeProvider() });
        var (connection, session, reasons) = await ConnectAsync(server);
        await using var _ = connection;

        await session.CloseAsync().WithSafetyNet();
        (await connection.ReceiveAsync()).ShouldBe("<close>", "the server's close frame; the client does not answer it");
        connection.Session.IsCompleted.ShouldBeFalse("the server waits for the client's answer");

        session.Abort();

        await connection.Session.WithSafetyNet();
        reasons.ToArray().ShouldBe([JsonActionDisconnectReason.ServerClosed], "the session ended once, as the close said");
        server.Sessions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Abort_close_and_dispose_on_a_session_that_is_over_do_nothing_and_throw_nothing()
    {
        // The system clock: its timers refuse to be changed once disposed, as a session's are at its end.
        await using var server = new JsonActionServer();
        var (connection, session, reasons) = await ConnectAsync(server);
        await using var _ = connection;

        await connection.Client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet();
        await connection.Session.WithSafetyNet();

        Should.NotThrow(session.Abort);
        await session.CloseAsync().WithSafetyNet();
        await session.DisposeAsync().AsTask().WithSafetyNet();
        reasons.ToArray().ShouldBe([JsonActionDisconnectReason.TransportClosed]);
    }

    [Fact]
    public async Task Closes_and_aborts_racing_the_clients_close_end_each_session_once_and_leave_nothing_behind()
    {
        await using var server = new JsonActionServer();
        for (var round = 0; round < 20; round++)
        {
            var (connection, session, reasons) = await ConnectAsync(server);
            await using var _ = connection;

            // A server close, an abort and the client's close at the same moment, each on its own thread.
            using var start = new Barrier(3);
            var closing = Task.Run(async () =>
            {
                start.SignalAndWait();
                await session.CloseAsync();
            });
            var aborting = Task.Run(() =>
            {
                start.SignalAndWait();
                session.Abort();
            });
            var clientClosing = Task.Run(async () =>
            {
                start.SignalAndWait();
                try
                {
                    await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                }
                catch (Exception error) when (error is WebSocketException or OperationCanceledException)
                {
                    // The abort won: the connection was already gone (the client's socket says so either way).
                }
            });

            await Task.WhenAll(closing, aborting, clientClosing).WithSafetyNet();
            await connection.Session.WithSafetyNet();
            reasons.Count.ShouldBe(1, $"round {round}: the session ends once");
            session.IsOpen.ShouldBeFalse();
            server.Sessions.ShouldBeEmpty();
        }
    }
}
