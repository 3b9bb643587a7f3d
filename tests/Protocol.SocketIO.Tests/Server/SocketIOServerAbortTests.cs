using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using Protocol.Server.SocketIO;
using Protocol.Testing;

namespace Protocol.SocketIO.Tests.Server;

/// <summary>A server-side abort (<see cref="SocketIOServerSocket.AbortSession"/>) at every point of a session's life.</summary>
public sealed class SocketIOServerAbortTests
{
    // Connects a raw client, reads the open packet and joins "/": the server's socket for it.
    private static async Task<(ServerConnection Connection, SocketIOServerSocket Socket)> JoinAsync(SocketIOServer server)
    {
        var joined = new TaskCompletionSource<SocketIOServerSocket>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Of("/").OnConnection(s => joined.TrySetResult(s));
        var connection = await ServerConnection.StartAsync(socket => server.RunSessionAsync(socket));
        (await connection.ReceiveAsync()).ShouldStartWith("0{");
        await connection.SendAsync("40");
        (await connection.ReceiveAsync()).ShouldStartWith("40{\"sid\":");
        return (connection, await joined.Task.WithSafetyNet());
    }

    [Fact]
    public async Task Abort_stall_and_disconnect_on_a_session_that_is_over_do_nothing_and_throw_nothing()
    {
        // The system clock: its timers refuse to be changed once disposed, as a session's are at its end.
        await using var server = new SocketIOServer();
        var (connection, socket) = await JoinAsync(server);
        await using var _ = connection;
        var reasons = new ConcurrentQueue<SocketIOServerDisconnectReason>();
        socket.Disconnected += (_, reason) => reasons.Enqueue(reason);

        await connection.Client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet();
        await connection.Session.WithSafetyNet();

        Should.NotThrow(socket.AbortSession);
        Should.NotThrow(socket.StallSession);
        await socket.DisconnectAsync(closeSession: true).AsTask().WithSafetyNet();
        Should.NotThrow(socket.AbortSession);
        reasons.ToArray().ShouldBe([SocketIOServerDisconnectReason.TransportClosed], "the socket left once, when the client closed");
        server.SessionCount.ShouldBe(0);
    }

    [Fact]
    public async Task Abort_while_a_close_waits_for_the_clients_answer_drops_the_connection_at_once()
    {
        // A fake clock that never moves: without the abort, the close would wait for its timeout for ever.
        var clock = new FakeTimeProvider();
        await using var server = new SocketIOServer(new SocketIOServerOptions { TimeProvider = clock });
        var (connection, socket) = await JoinAsync(server);
        await using var _ = connection;

        await socket.DisconnectAsync(closeSession: true).AsTask().WithSafetyNet();
        (await connection.ReceiveAsync()).ShouldBe("41");
        (await connection.ReceiveAsync()).ShouldBe("<close>", "the server's close frame; the client does not answer it");
        connection.Session.IsCompleted.ShouldBeFalse("the server waits for the client's answer");

        socket.AbortSession();

        await connection.Session.WithSafetyNet();
        server.SessionCount.ShouldBe(0);
        Should.NotThrow(socket.AbortSession, "a second abort, on a session that is over");
    }

    [Fact]
    public async Task Aborts_racing_the_clients_close_end_each_session_once_and_leave_nothing_behind()
    {
        await using var server = new SocketIOServer();
        for (var round = 0; round < 20; round++)
        {
            var (connection, socket) = await JoinAsync(server);
            await using var _ = connection;
            var left = 0;
            socket.Disconnected += (_, _) => Interlocked.Increment(ref left);

            // Two aborts and the client's close at the same moment, each on its own thread.
            using var start = new Barrier(3);
            var aborts = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                socket.AbortSession();
            })).ToList();
            var close = Task.Run(async () =>
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

            await Task.WhenAll([.. aborts, close]).WithSafetyNet();
            await connection.Session.WithSafetyNet();
            left.ShouldBe(1, $"round {round}: the socket leaves once");
            socket.IsConnected.ShouldBeFalse();
            server.Of("/").Sockets.ShouldBeEmpty();
            server.SessionCount.ShouldBe(0);
            Should.NotThrow(socket.AbortSession);
            Should.NotThrow(socket.StallSession);
        }
    }
}
