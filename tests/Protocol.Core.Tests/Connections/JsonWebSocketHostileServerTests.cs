using System.Net.WebSockets;
using System.Text;
using Protocol.Testing;
using Protocol.Testing.Buffers;
using Protocol.Testing.Time;
using Protocol.Tests.Network;
using static Protocol.Tests.Network.LoopbackWebSocketServer;
using Protocol.JsonActions;

namespace Protocol.Core.Tests.Connections;

/// <summary>
/// The JSON-action connection against a real loopback server that misbehaves; each test asserts what the runtime is
/// told and that nothing is left behind after DisposeAsync: no timer, no rented block or buffer (the connection gets
/// counting pools), and no buffer over 1 MiB given to ArrayPool&lt;byte&gt;.Shared.
/// </summary>
[Collection(BufferAccountingCollection.Name)]
public sealed class JsonWebSocketHostileServerTests
{
    [Fact]
    public async Task A_message_over_the_bound_ends_the_session_typed_without_reading_past_it()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, sink, clock, pools) = await OpenAsync(server, new JsonWebSocketOptions { MaxInboundMessageBytes = 64 * 1024 });

        var sending = SendLargeAsync(socket, Encoding.UTF8.GetBytes($$"""{"action":"huge","data":"{{new string('x', 3 * 1024 * 1024)}}"}"""), WebSocketMessageType.Text);

        var info = await sink.Disconnected.Task.WithSafetyNet(SafetyNet.NetworkLimit);
        try
        {
            await sending;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or System.Net.HttpListenerException)
        {
            // The client cut the message off and dropped the connection: that is the point.
        }

        info.Reason.ShouldBe(DisconnectReason.ProtocolError);
        var error = info.Error.ShouldBeOfType<InboundMessageTooLargeException>();
        error.Limit.ShouldBe(64 * 1024);
        error.Received.ShouldBe(64 * 1024 + 1, "one byte past the bound is all that is read");
        info.Description.ShouldNotBeNull().ShouldContain("MaxInboundMessageBytes");
        sink.Count.ShouldBe(0);
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task Endless_fragments_are_cut_off_at_the_message_bound()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, sink, clock, pools) = await OpenAsync(server, new JsonWebSocketOptions { MaxInboundMessageBytes = 64 * 1024 });

        var sent = await SendEndlessFragmentsAsync(socket, fragmentSize: 4 * 1024, maxFragments: 10_000).WithSafetyNet(SafetyNet.NetworkLimit);

        var info = await sink.Disconnected.Task.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(DisconnectReason.ProtocolError);
        info.Error.ShouldBeOfType<InboundMessageTooLargeException>();
        info.Description.ShouldNotBeNull().ShouldContain("MaxInboundMessageBytes");
        sent.ShouldBeLessThan(10_000, "the client stopped reading instead of buffering forever");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task A_large_message_under_the_bound_arrives_whole_linearised_once_at_its_exact_length()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, sink, clock, pools) = await OpenAsync(server, new JsonWebSocketOptions());
        var bytes = Encoding.UTF8.GetBytes($$"""{"action":"history","data":"{{new string('x', 3 * 1024 * 1024)}}"}""");

        await SendLargeAsync(socket, bytes, WebSocketMessageType.Text);

        var view = await sink.NextAsync();
        view.Name.ShouldBe("history");
        view.Raw.Length.ShouldBe(bytes.Length);
        pools.Blocks.Rented.ShouldBeGreaterThan(100, "the message was received into 16 KiB segments");
        pools.Buffers.LargestRented.ShouldBe(bytes.Length, "one contiguous copy of exactly the message, never a doubled buffer");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task Without_injected_pools_a_large_message_leaves_no_large_buffer_in_the_shared_pool()
    {
        await using var server = new LoopbackWebSocketServer();
        using var shared = new SharedArrayPoolWatch();
        var clock = new TimerCountingTimeProvider();
        var sink = new RecordingSink();
        var connection = new JsonWebSocketConnection(new JsonWebSocketOptions { TimeProvider = clock });
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        var (socket, _) = await server.NextClientAsync();

        await SendLargeAsync(socket, Encoding.UTF8.GetBytes($$"""{"action":"history","data":"{{new string('x', 3 * 1024 * 1024)}}"}"""), WebSocketMessageType.Text);
        (await sink.NextAsync()).Name.ShouldBe("history");

        await connection.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        clock.ActiveTimerCount.ShouldBe(0);
        shared.LargeReturns.ShouldBe(0, $"largest returned to ArrayPool<byte>.Shared: {shared.LargestReturned} bytes");
    }

    [Fact]
    public async Task A_huge_escaped_action_name_is_unescaped_without_a_large_shared_buffer()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, sink, clock, pools) = await OpenAsync(server, new JsonWebSocketOptions());
        var name = "\\u0061" + new string('b', 2 * 1024 * 1024);

        await SendLargeAsync(socket, Encoding.UTF8.GetBytes($$"""{"action":"{{name}}"}"""), WebSocketMessageType.Text);

        var view = await sink.NextAsync();
        view.Kind.ShouldBe(Protocol.MessageKind.Action);
        view.Name.Length.ShouldBe(1 + 2 * 1024 * 1024);
        view.Name.ShouldStartWith("ab");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task A_silent_server_ends_the_session_at_the_idle_timeout()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, _, sink, clock, pools) = await OpenAsync(server, new JsonWebSocketOptions());

        clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(1));
        sink.Disconnected.Task.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1));

        var info = await sink.Disconnected.Task.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(DisconnectReason.Timeout);
        info.Description.ShouldNotBeNull().ShouldContain("IdleTimeout");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_text_frame_ends_the_session_saying_so()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, sink, clock, pools) = await OpenAsync(server, new JsonWebSocketOptions());

        await SendRawTextAsync(socket, [.. "{\"action\":\""u8, 0xC3, 0x28, .. "\"}"u8]);

        var info = await sink.Disconnected.Task.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(DisconnectReason.TransportError);
        info.Description.ShouldNotBeNull().ShouldContain("UTF-8");
        info.Error.ShouldBeOfType<WebSocketException>();
        sink.Count.ShouldBe(0);
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Theory]
    [InlineData(1001, "going away")]
    [InlineData(1011, "internal error")]
    [InlineData(4000, "kicked")]
    [InlineData(4999, "custom")]
    public async Task Unusual_close_codes_end_the_session_with_the_code_and_the_reason(int code, string reason)
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, sink, clock, pools) = await OpenAsync(server, new JsonWebSocketOptions());

        await CloseAsync(socket, code, reason);

        var info = await sink.Disconnected.Task.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(DisconnectReason.ClosedByServer);
        info.Description.ShouldNotBeNull().ShouldContain(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Description.ShouldContain($"\"{reason}\"");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    private static async Task<(JsonWebSocketConnection Connection, WebSocket Socket, RecordingSink Sink, TimerCountingTimeProvider Clock, Pools Pools)> OpenAsync(
        LoopbackWebSocketServer server,
        JsonWebSocketOptions options)
    {
        var clock = new TimerCountingTimeProvider();
        var pools = new Pools();
        options.TimeProvider = clock;
        options.IdleTimeout = TimeSpan.FromMinutes(1); // the liveness timer runs too, and must be gone after dispose
        options.ReceiveMemoryPool = pools.Blocks;
        options.BufferPool = pools.Buffers;
        var sink = new RecordingSink();
        var connection = new JsonWebSocketConnection(options);
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        var (socket, _) = await server.NextClientAsync();
        return (connection, socket, sink, clock, pools);
    }

    private static async Task AssertNothingLeftAsync(JsonWebSocketConnection connection, TimerCountingTimeProvider clock, Pools pools)
    {
        await connection.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        clock.ActiveTimerCount.ShouldBe(0);
        try
        {
            pools.Blocks.Outstanding.ShouldBe(0, "every receive block went back to the injected pool");
            pools.Blocks.DoubleReturns.ShouldBe(0);
            pools.Buffers.Outstanding.ShouldBe(0, "every contiguous buffer went back to the injected pool");
            pools.Buffers.BadReturns.ShouldBe(0);
            pools.Shared.LargeReturns.ShouldBe(0, $"no buffer over 1 MiB went to ArrayPool<byte>.Shared (largest returned: {pools.Shared.LargestReturned} bytes)");
        }
        finally
        {
            pools.Shared.Dispose();
        }
    }

    // The pools the connection rents from, and the watch on the shared pool, for one test.
    private sealed class Pools
    {
        public CountingMemoryPool Blocks { get; } = new();

        public CountingArrayPool Buffers { get; } = new();

        public SharedArrayPoolWatch Shared { get; } = new();
    }
}
