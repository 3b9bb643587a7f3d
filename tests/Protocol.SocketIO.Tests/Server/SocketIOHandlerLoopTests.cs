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
/// A failure in the session's handler loop outside the application's handlers (a join's own answer that cannot be sent or
/// encoded) ends the session with a typed reason and a log, instead of stopping the loop and leaving the client connected
/// to a session that no longer handles its packets.
/// </summary>
public sealed class SocketIOHandlerLoopTests
{
    private static readonly TimeSpan QueueTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_join_whose_answer_waits_out_a_full_send_queue_ends_the_session_as_send_queue_full_with_a_warning()
    {
        // The connection's clock is fake: the send-queue timeout passes only when the test says so.
        var clock = new TimerCountingTimeProvider();
        var logs = new CapturingLoggerFactory();
        var options = new SocketIOServerOptions { TimeProvider = clock, LoggerFactory = logs, SendQueueCapacity = 1, SendQueueTimeout = QueueTimeout };
        await WithServerAsync(options, async server =>
        {
            server.Of("/other");
            var (connection, socket) = await JoinAsync(server);
            await using var _ = connection;
            var reasons = new ConcurrentQueue<SocketIOServerDisconnectReason>();
            socket.Disconnected += (_, reason) => reasons.Enqueue(reason);

            // The client stops reading: an attachment bigger than the loopback buffers holds the one place in the queue.
            var flood = socket.EmitAsync("flood", SocketIOBinary.Placeholder(0), [new byte[32 * 1024 * 1024]]).AsTask();
            var timers = clock.ActiveTimerCount;
            await connection.SendAsync("40/other,");

            // The join's CONNECT waits for room: its send-queue timeout is armed.
            await clock.WaitForActiveTimersAsync(timers + 1, SafetyNet.NetworkLimit);
            logs.All.ShouldNotContain(e => e.EventId.Id == 9);
            clock.Advance(QueueTimeout);

            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
            (await ReadToTheEndAsync(connection.Client).WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe("<broken>", "no close frame gets through a queue the client does not read");
            reasons.ToArray().ShouldBe([SocketIOServerDisconnectReason.SendQueueFull]);
            server.SessionCount.ShouldBe(0);
            server.Of("/").Sockets.ShouldBeEmpty();
            server.Of("/other").Sockets.ShouldBeEmpty("the socket whose CONNECT never went out left too");
            await Should.ThrowAsync<ConnectionLostException>(flood.WithSafetyNet(SafetyNet.NetworkLimit));

            var warning = logs.All.Single(e => e.EventId.Id == 9);
            warning.Level.ShouldBe(LogLevel.Warning);
            warning.Exception.ShouldBeOfType<SendQueueFullException>();
            warning.Message.ShouldContain(socket.SessionId);
            warning.Message.ShouldContain("/other");
            logs.All.ShouldContain(e => e.EventId.Id == 2 && e.Message.Contains(nameof(SocketIOServerDisconnectReason.SendQueueFull), StringComparison.Ordinal));
            logs.All.ShouldNotContain(e => e.Level >= LogLevel.Error, "no handler failed");
        });
    }

    [Fact]
    public async Task A_refusal_the_server_cannot_encode_ends_the_session_as_a_server_error_with_close_status_1011_and_an_error_log()
    {
        var logs = new CapturingLoggerFactory();
        await WithServerAsync(new SocketIOServerOptions { MaxPayload = 1000, LoggerFactory = logs, TimeProvider = new TimerCountingTimeProvider() }, async server =>
        {
            // Longer than any frame the session may send (MaxPayload): the CONNECT_ERROR cannot be encoded.
            server.Of("/admin").Authorize(_ => SocketIOConnectDecision.Reject(new string('x', 2000)));
            var (connection, socket) = await JoinAsync(server);
            await using var _ = connection;
            var reasons = new ConcurrentQueue<SocketIOServerDisconnectReason>();
            socket.Disconnected += (_, reason) => reasons.Enqueue(reason);

            await connection.SendAsync("40/admin,");

            // The client learns of it from the close frame, not from a session that answers nothing any more.
            (await connection.ReceiveOrBreakAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe("<close>");
            connection.Client.CloseStatus.ShouldBe(WebSocketCloseStatus.InternalServerError);
            reasons.ToArray().ShouldBe([SocketIOServerDisconnectReason.ServerError]);
            await connection.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
            await connection.Session.WithSafetyNet(SafetyNet.NetworkLimit);
            server.SessionCount.ShouldBe(0);

            var error = logs.All.Single(e => e.EventId.Id == 10);
            error.Level.ShouldBe(LogLevel.Error);
            error.Exception.ShouldBeOfType<SocketIOEncodingException>();
            error.Message.ShouldContain(socket.SessionId);
            error.Message.ShouldNotContain("xxx");
            logs.All.ShouldContain(e => e.EventId.Id == 2 && e.Message.Contains(nameof(SocketIOServerDisconnectReason.ServerError), StringComparison.Ordinal));
        });
    }

    // Reads whatever the server still sent until the connection ends: "<close>" for a close frame, "<broken>" when it
    // breaks without one.
    private static async Task<string> ReadToTheEndAsync(ClientWebSocket client)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await client.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return "<close>";
                }
            }
        }
        catch (WebSocketException)
        {
            return "<broken>";
        }
    }
}
