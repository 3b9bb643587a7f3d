using Protocol.Tests.Allocations;
using Protocol.Tests.WebSockets;
using System.Net.WebSockets;
using System.Text;
using Protocol.Core.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Time;
using Protocol.Tests.Network;
using Protocol.JsonActions;

namespace Protocol.Core.Tests.Connections;

// The JSON-action connection's send side: one bounded writer, write-through when it is free.
public sealed class JsonWebSocketSendTests
{
    private static readonly byte[] Frame = """{"action":"placeBet","data":{"asset":"EURUSD","amount":10}}"""u8.ToArray();

    [Fact]
    public async Task Sends_to_a_reading_loopback_server_allocate_nothing_per_send_in_steady_state()
    {
        const int WarmUp = 2_000;
        const int Sends = 2_000;
        const int Rounds = 5;
        await using var server = new LoopbackWebSocketServer();
        await using var connection = new JsonWebSocketConnection();
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), new RecordingSink(), CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        var (socket, _) = await server.NextClientAsync();
        var received = WebSocketDrain.CountMessagesAsync(socket, WarmUp + (Rounds + 1) * Sends);

        var message = OutgoingMessage.Text(Frame);
        var asynchronous = await SendManyAsync(connection, message, WarmUp);
        // A real socket: a send it does not complete at once finishes on the thread pool and is waited for without
        // awaiting, so each round stays on the measuring thread and counts what a send costs its caller.
        var rounds = await AllocationRounds.MeasureAsync(() => asynchronous += SendMany(connection, message, Sends), Rounds).WithSafetyNet(AllocationRounds.Limit);

        (await received.WithSafetyNet(TimeSpan.FromSeconds(30))).ShouldBe(WarmUp + (Rounds + 1) * Sends);
        rounds.Min().ShouldBe(0, $"JsonWebSocketConnection.SendAsync allocated in every round of {Sends} sends (bytes per round: {AllocationRounds.Describe(rounds)}; {asynchronous} sends not at once)");
    }

    [Fact]
    public async Task A_send_into_a_full_queue_waits_then_fails_typed_on_the_fake_clock_and_nothing_of_it_is_sent()
    {
        var clock = new TimerCountingTimeProvider();
        await using var server = new LoopbackWebSocketServer();
        await using var connection = new JsonWebSocketConnection(new JsonWebSocketOptions
        {
            MaxQueuedSends = 1,
            SendQueueTimeout = TimeSpan.FromSeconds(3),
            TimeProvider = clock,
        });
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), new RecordingSink(), CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        _ = await server.NextClientAsync(); // and never reads

        // Bigger than the loopback socket buffers: the writer stays busy with it while nobody reads.
        var big = OutgoingMessage.Text(Encoding.UTF8.GetBytes($$"""{"action":"upload","data":"{{new string('x', 32 * 1024 * 1024)}}"}"""));
        var first = connection.SendAsync(big, CancellationToken.None).AsTask();
        first.IsCompleted.ShouldBeFalse();

        var timers = clock.ActiveTimerCount;
        var second = connection.SendAsync(OutgoingMessage.Text(Frame), CancellationToken.None).AsTask();
        await clock.WaitForActiveTimersAsync(timers + 1, SafetyNet.NetworkLimit); // its SendQueueTimeout is armed: it is waiting for room
        second.IsCompleted.ShouldBeFalse("a send past MaxQueuedSends waits for room");
        clock.Advance(TimeSpan.FromSeconds(3));

        var error = await Should.ThrowAsync<SendQueueFullException>(second.WithSafetyNet(SafetyNet.NetworkLimit));
        error.Capacity.ShouldBe(1);
        error.Message.ShouldContain("nothing was sent");
        error.Message.ShouldContain("MaxQueuedSends");
        await connection.DisposeAsync();
        await Should.ThrowAsync<ConnectionLostException>(first.WithSafetyNet(SafetyNet.NetworkLimit));
    }

    [Fact]
    public async Task Concurrent_senders_each_get_their_message_out_whole_and_in_their_own_order()
    {
        const int Senders = 4;
        const int PerSender = 200;
        await using var server = new LoopbackWebSocketServer();
        await using var connection = new JsonWebSocketConnection();
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), new RecordingSink(), CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        var (socket, _) = await server.NextClientAsync();
        var received = ReceiveTextsAsync(socket, Senders * PerSender);

        var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                await connection.SendAsync(OutgoingMessage.Text($$"""{"action":"n","s":{{s}},"i":{{i}}}"""), CancellationToken.None);
            }
        }));
        await Task.WhenAll(senders).WithSafetyNet(TimeSpan.FromSeconds(30));

        var texts = await received.WithSafetyNet(TimeSpan.FromSeconds(30));
        for (var s = 0; s < Senders; s++)
        {
            var mine = texts.Where(t => t.Contains($"\"s\":{s},", StringComparison.Ordinal)).ToList();
            mine.Count.ShouldBe(PerSender);
            mine.ShouldBe(Enumerable.Range(0, PerSender).Select(i => $$"""{"action":"n","s":{{s}},"i":{{i}}}""").ToList());
        }
    }

    [Fact]
    public async Task A_send_after_close_fails_as_lost_and_sends_nothing()
    {
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        await using var connection = new JsonWebSocketConnection();
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        var (socket, _) = await server.NextClientAsync();
        var serverClose = socket.ReceiveAsync(new byte[64], CancellationToken.None);

        var closing = connection.CloseAsync(CancellationToken.None).AsTask();
        (await serverClose.WithSafetyNet(SafetyNet.NetworkLimit)).MessageType.ShouldBe(WebSocketMessageType.Close);
        await Should.ThrowAsync<ConnectionLostException>(async () => await connection.SendAsync(OutgoingMessage.Text(Frame), CancellationToken.None));
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await closing.WithSafetyNet(SafetyNet.NetworkLimit);
    }

    private static int SendMany(IConnection connection, OutgoingMessage message, int count)
    {
        var asynchronous = 0;
        for (var i = 0; i < count; i++)
        {
            var sent = connection.SendAsync(message, CancellationToken.None);
            if (!sent.IsCompletedSuccessfully)
            {
                asynchronous++;
                sent.AsTask().GetAwaiter().GetResult();
                continue;
            }

            sent.GetAwaiter().GetResult();
        }

        return asynchronous;
    }

    private static async Task<int> SendManyAsync(IConnection connection, OutgoingMessage message, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await connection.SendAsync(message, CancellationToken.None);
        }

        return 0;
    }

    private static async Task<List<string>> ReceiveTextsAsync(WebSocket socket, int messages)
    {
        var buffer = new byte[64 * 1024];
        var texts = new List<string>();
        var current = new MemoryStream();
        while (texts.Count < messages)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            current.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                texts.Add(Encoding.UTF8.GetString(current.ToArray()));
                current.SetLength(0);
            }
        }

        return texts;
    }
}
