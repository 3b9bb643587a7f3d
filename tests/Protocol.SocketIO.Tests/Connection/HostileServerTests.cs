using System.Net.WebSockets;
using System.Text;
using Protocol.Testing;
using Protocol.Testing.Buffers;
using Protocol.Testing.Time;
using Protocol.Tests.Network;
using static Protocol.Tests.Network.LoopbackWebSocketServer;

namespace Protocol.SocketIO.Tests.Connection;

/// <summary>
/// A real WebSocket server on 127.0.0.1 that misbehaves; the client's timing runs on a fake clock. Each test asserts the
/// typed error the user sees and that nothing is left behind after DisposeAsync: no loop, no timer, no rented block or
/// buffer (the connection gets counting pools), and no buffer over 1 MiB given to ArrayPool&lt;byte&gt;.Shared.
/// </summary>
[Collection(BufferAccountingCollection.Name)]
public sealed class HostileServerTests
{
    private const string OpenPacket = "0{\"sid\":\"hostile\",\"upgrades\":[],\"pingInterval\":1000,\"pingTimeout\":500,\"maxPayload\":1000000}";

    [Theory]
    [InlineData("HTTP/1.1 200 OK")]
    [InlineData("0{\"sid\":")]
    [InlineData("40")]
    public async Task Garbage_instead_of_the_open_packet_fails_the_connect_typed(string first)
    {
        await using var server = new LoopbackWebSocketServer();
        using var pools = new Pools();
        var clock = new TimerCountingTimeProvider();
        var connection = new SocketIOConnection(pools.Apply(new SocketIOOptions { ServerUri = server.HttpUri, TimeProvider = clock }));
        var connecting = connection.ConnectAsync();
        var (socket, _) = await server.NextClientAsync();
        await SendTextAsync(socket, first);

        var ex = await Should.ThrowAsync<SocketIOHandshakeException>(connecting.WithSafetyNet(SafetyNet.NetworkLimit));
        ex.Message.ShouldContain("open packet", Case.Insensitive);
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task An_oversized_first_frame_fails_the_connect_typed_without_being_read_whole()
    {
        await using var server = new LoopbackWebSocketServer();
        using var pools = new Pools();
        var clock = new TimerCountingTimeProvider();
        var connection = new SocketIOConnection(pools.Apply(new SocketIOOptions { ServerUri = server.HttpUri, TimeProvider = clock, MaxInboundMessageBytes = 64 * 1024 }));
        var connecting = connection.ConnectAsync();
        var (socket, _) = await server.NextClientAsync();
        var sending = SendLargeAsync(socket, Encoding.UTF8.GetBytes("0" + new string('x', 3 * 1024 * 1024)), WebSocketMessageType.Text);

        var ex = await Should.ThrowAsync<InboundMessageTooLargeException>(connecting.WithSafetyNet(SafetyNet.NetworkLimit));
        ex.Limit.ShouldBe(64 * 1024);
        ex.Received.ShouldBe(64 * 1024 + 1);
        try
        {
            await sending;
        }
        catch (Exception error) when (error is WebSocketException or IOException or System.Net.HttpListenerException)
        {
            // The client cut the frame off and dropped the connection: that is the point.
        }

        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task A_text_message_over_the_inbound_bound_ends_the_session_typed()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock, pools) = await OpenAsync(server, o => o.MaxInboundMessageBytes = 64 * 1024);

        await SendTextAsync(socket, "42[\"big\",\"" + new string('x', 100_000) + "\"]");

        var info = await connection.Completion.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
        var error = info.Exception.ShouldBeOfType<InboundMessageTooLargeException>();
        error.Limit.ShouldBe(64 * 1024);
        error.Received.ShouldBeLessThanOrEqualTo(64 * 1024 + 1, "nothing past the bound was read");
        error.Message.ShouldContain("MaxInboundMessageBytes");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task A_binary_message_over_the_inbound_bound_ends_the_session_typed()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock, pools) = await OpenAsync(server, o => o.MaxInboundMessageBytes = 64 * 1024);

        await SendTextAsync(socket, "453-[\"files\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":2}]");
        await SendBinaryAsync(socket, new byte[30_000]);
        await SendBinaryAsync(socket, new byte[30_000]);
        await SendBinaryAsync(socket, new byte[30_000]);

        var info = await connection.Completion.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
        var error = info.Exception.ShouldBeOfType<InboundMessageTooLargeException>();
        error.Limit.ShouldBe(64 * 1024);
        error.Message.ShouldContain("reassembled");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task Attachments_that_together_cross_the_bound_are_cut_off_at_the_bound_not_after_the_frame()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock, pools) = await OpenAsync(server, o => o.MaxInboundMessageBytes = 1024 * 1024);

        // Ten announced, each 600,000 bytes: the first fits, the second would take the whole message past 1 MiB.
        await SendTextAsync(socket, "4510-[\"files\"" + string.Concat(Enumerable.Range(0, 10).Select(i => $",{{\"_placeholder\":true,\"num\":{i}}}")) + "]");
        await SendLargeAsync(socket, new byte[600_000], WebSocketMessageType.Binary);
        var second = SendLargeAsync(socket, new byte[600_000], WebSocketMessageType.Binary);

        var info = await connection.Completion.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
        var error = info.Exception.ShouldBeOfType<InboundMessageTooLargeException>();
        error.Limit.ShouldBe(1024 * 1024, "the error names the whole-message bound, not what was left of it");
        error.Received.ShouldBe(1024 * 1024 + 1, "the second attachment was read up to one byte past the bound, no further");
        error.Message.ShouldContain("2 of its 10 attachment");
        try
        {
            await second;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or System.Net.HttpListenerException)
        {
            // The client cut the attachment off and dropped the connection: that is the point.
        }

        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task Endless_fragments_are_cut_off_at_the_bound()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock, pools) = await OpenAsync(server, o => o.MaxInboundMessageBytes = 256 * 1024);

        var sent = await SendEndlessFragmentsAsync(socket, fragmentSize: 16 * 1024, maxFragments: 10_000).WithSafetyNet(SafetyNet.NetworkLimit);

        var info = await connection.Completion.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
        info.Exception.ShouldBeOfType<InboundMessageTooLargeException>().Received.ShouldBe(256 * 1024 + 1);
        sent.ShouldBeLessThan(10_000, "the client aborted the socket instead of buffering forever");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task Attachments_announced_and_never_sent_end_the_session_after_the_attachment_timeout()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock, pools) = await OpenAsync(server, o =>
        {
            o.AttachmentTimeout = TimeSpan.FromSeconds(20);
            o.HeartbeatTimeout = TimeSpan.FromHours(1);
        });

        await SendTextAsync(socket, "452-[\"pair\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await SendBinaryAsync(socket, [1, 2, 3]);
        await PingAsync(socket); // the frames before it were read once its pong comes back

        clock.Advance(TimeSpan.FromSeconds(19));
        connection.Completion.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));

        var info = await connection.Completion.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
        var error = info.Exception.ShouldBeOfType<SocketIOProtocolException>();
        error.Error.ShouldBe(SocketIOProtocolError.AttachmentTimeout);
        error.Message.ShouldContain("1 of its attachment");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task A_silent_server_is_declared_dead_by_the_watchdog()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, _, clock, pools) = await OpenAsync(server);

        clock.Advance(TimeSpan.FromMilliseconds(1499));
        connection.Completion.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1));

        var info = await connection.Completion.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(SocketIODisconnectReason.PingTimeout);
        info.Description.ShouldContain("1500 ms");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task A_server_that_stops_pinging_mid_session_is_declared_dead()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock, pools) = await OpenAsync(server);
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1000));
            await PingAsync(socket);
        }

        connection.Completion.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1500));

        (await connection.Completion.WithSafetyNet(SafetyNet.NetworkLimit)).Reason.ShouldBe(SocketIODisconnectReason.PingTimeout);
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_text_frame_ends_the_session_typed()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock, pools) = await OpenAsync(server);

        await SendRawTextAsync(socket, [.. "42[\"ev\",\""u8, 0xFF, 0xFE, .. "\"]"u8]);

        var info = await connection.Completion.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(SocketIODisconnectReason.TransportError);
        info.Exception.ShouldBeOfType<WebSocketException>().Message.ShouldContain("UTF-8", Case.Insensitive);
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
        var (connection, socket, clock, pools) = await OpenAsync(server);

        await CloseAsync(socket, code, reason);

        var info = await connection.Completion.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(SocketIODisconnectReason.ServerDisconnect);
        info.Description.ShouldContain(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Description.ShouldContain($"\"{reason}\"");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task A_message_that_arrives_slowly_is_proof_of_life_chunk_by_chunk()
    {
        await using var server = new LoopbackWebSocketServer();
        var chunks = System.Threading.Channels.Channel.CreateUnbounded<bool>();
        var received = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (connection, socket, clock, pools) = await OpenAsync(server, o =>
        {
            o.TransportFactory = new ChunkSignallingFactory(o.TransportFactory, chunks.Writer);
            o.OnMessage = view =>
            {
                if (view.Name.SequenceEqual("big"u8))
                {
                    received.TrySetResult(view.Payload.Length);
                }
            };
        });

        // Four fragments 1000 ms apart on the fake clock: 4 s without a whole frame, against a 1500 ms window.
        var fragment = Encoding.UTF8.GetBytes(new string('x', 1000));
        await socket.SendAsync("42[\"big\",\""u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        for (var i = 0; i < 4; i++)
        {
            while (chunks.Reader.TryRead(out _))
            {
            }

            await socket.SendAsync(fragment, WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
            await chunks.Reader.ReadAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
            clock.Advance(TimeSpan.FromMilliseconds(1000));
        }

        await socket.SendAsync("\"]"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

        (await received.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeGreaterThan(4000);
        connection.Completion.IsCompleted.ShouldBeFalse("bytes kept arriving, so the server is alive");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task A_text_message_spanning_many_segments_arrives_whole_and_is_linearised_once_at_its_exact_length()
    {
        await using var server = new LoopbackWebSocketServer();
        var received = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (connection, socket, clock, pools) = await OpenAsync(server, o => o.OnMessage = view =>
        {
            if (view.Name.SequenceEqual("big"u8))
            {
                received.TrySetResult(view.Payload.Length);
            }
        });
        var frame = "42[\"big\",\"" + new string('x', 3 * 1024 * 1024) + "\"]";

        await SendLargeAsync(socket, Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text);

        (await received.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeGreaterThan(3 * 1024 * 1024);
        pools.Blocks.Rented.ShouldBeGreaterThan(100, "the message was received into 16 KiB segments");
        pools.Buffers.LargestRented.ShouldBe(frame.Length, "one contiguous copy of exactly the message, never a doubled buffer");
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task A_large_binary_message_is_reassembled_into_buffers_of_its_exact_sizes_from_the_injected_pool()
    {
        await using var server = new LoopbackWebSocketServer();
        var received = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (connection, socket, clock, pools) = await OpenAsync(server, o => o.OnMessage = view =>
        {
            if (view.Name.SequenceEqual("file"u8))
            {
                received.TrySetResult(view.Attachments[0].Length);
            }
        });

        await SendTextAsync(socket, "451-[\"file\",{\"_placeholder\":true,\"num\":0}]");
        await SendLargeAsync(socket, new byte[2 * 1024 * 1024 + 7], WebSocketMessageType.Binary);

        (await received.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(2 * 1024 * 1024 + 7);
        pools.Buffers.LargestRented.ShouldBe(2 * 1024 * 1024 + 7);
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task An_empty_attachment_is_reassembled_as_an_empty_attachment()
    {
        await using var server = new LoopbackWebSocketServer();
        var received = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (connection, socket, clock, pools) = await OpenAsync(server, o => o.OnMessage = view =>
        {
            if (view.Name.SequenceEqual("empty"u8))
            {
                received.TrySetResult(view.Attachments.Length == 1 ? view.Attachments[0].Length : -1);
            }
        });

        await SendTextAsync(socket, "451-[\"empty\",{\"_placeholder\":true,\"num\":0}]");
        await SendBinaryAsync(socket, []);

        (await received.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(0);
        await AssertNothingLeftAsync(connection, clock, pools);
    }

    [Fact]
    public async Task Without_injected_pools_big_messages_leave_no_large_buffer_in_the_shared_pool()
    {
        await using var server = new LoopbackWebSocketServer();
        using var shared = new SharedArrayPoolWatch();
        var clock = new TimerCountingTimeProvider();
        var seen = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new SocketIOOptions
        {
            ServerUri = server.HttpUri,
            TimeProvider = clock,
            OnMessage = view =>
            {
                if (view.Name.SequenceEqual("big"u8) && Interlocked.Increment(ref seen) == 2)
                {
                    done.TrySetResult();
                }
            },
        };
        var (connection, socket, _, pools) = await OpenAsync(server, options, clock, new Pools());
        pools.Dispose();

        await SendLargeAsync(socket, Encoding.UTF8.GetBytes("42[\"big\",\"" + new string('x', 3 * 1024 * 1024) + "\"]"), WebSocketMessageType.Text);
        await SendTextAsync(socket, "451-[\"big\",{\"_placeholder\":true,\"num\":0}]");
        await SendLargeAsync(socket, new byte[2 * 1024 * 1024], WebSocketMessageType.Binary);
        await done.Task.WithSafetyNet(SafetyNet.NetworkLimit);

        await connection.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        clock.ActiveTimerCount.ShouldBe(0);
        shared.LargeReturns.ShouldBe(0, $"largest returned to ArrayPool<byte>.Shared: {shared.LargestReturned} bytes");
    }

    private static async Task<(SocketIOConnection Connection, WebSocket Socket, TimerCountingTimeProvider Clock, Pools Pools)> OpenAsync(
        LoopbackWebSocketServer server,
        Action<SocketIOOptions>? configure = null)
    {
        var clock = new TimerCountingTimeProvider();
        var pools = new Pools();
        var options = pools.Apply(new SocketIOOptions { ServerUri = server.HttpUri, TimeProvider = clock });
        configure?.Invoke(options);
        return await OpenAsync(server, options, clock, pools);
    }

    private static async Task<(SocketIOConnection Connection, WebSocket Socket, TimerCountingTimeProvider Clock, Pools Pools)> OpenAsync(
        LoopbackWebSocketServer server,
        SocketIOOptions options,
        TimerCountingTimeProvider clock,
        Pools pools)
    {
        var connection = new SocketIOConnection(options);
        var connecting = connection.ConnectAsync();
        var (socket, request) = await server.NextClientAsync();
        request.Url!.AbsolutePath.ShouldBe("/socket.io/");
        await SendTextAsync(socket, OpenPacket);
        (await ReceiveTextAsync(socket)).ShouldBe("40");
        await SendTextAsync(socket, "40{\"sid\":\"s\"}");
        await connecting.WithSafetyNet(SafetyNet.NetworkLimit);
        return (connection, socket, clock, pools);
    }

    private static async Task PingAsync(WebSocket socket)
    {
        await SendTextAsync(socket, "2");
        (await ReceiveTextAsync(socket)).ShouldBe("3");
    }

    private static async Task AssertNothingLeftAsync(SocketIOConnection connection, TimerCountingTimeProvider clock, Pools pools)
    {
        await connection.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        connection.ReadLoop.IsCompleted.ShouldBeTrue();
        connection.SendLoop.IsCompleted.ShouldBeTrue();
        clock.ActiveTimerCount.ShouldBe(0);
        try
        {
            pools.AssertNothingLeft();
        }
        finally
        {
            pools.Dispose();
        }
    }

    // The pools the connection rents from, and the watch on the shared pool, for one test.
    private sealed class Pools : IDisposable
    {
        public CountingMemoryPool Blocks { get; } = new();

        public CountingArrayPool Buffers { get; } = new();

        public SharedArrayPoolWatch Shared { get; } = new();

        public SocketIOOptions Apply(SocketIOOptions options)
        {
            options.ReceiveMemoryPool = Blocks;
            options.BufferPool = Buffers;
            return options;
        }

        public void AssertNothingLeft()
        {
            Blocks.Outstanding.ShouldBe(0, "every receive block went back to the injected pool");
            Blocks.DoubleReturns.ShouldBe(0);
            Buffers.Outstanding.ShouldBe(0, "every contiguous buffer went back to the injected pool");
            Buffers.BadReturns.ShouldBe(0);
            Shared.LargeReturns.ShouldBe(0, $"no buffer over 1 MiB went to ArrayPool<byte>.Shared (largest returned: {Shared.LargestReturned} bytes)");
        }

        public void Dispose() => Shared.Dispose();
    }

    // Tells the test each time the transport reports bytes of a message (after the connection's own listener ran).
    private sealed class ChunkSignallingFactory(Protocol.SocketIO.Transport.IFrameTransportFactory inner, System.Threading.Channels.ChannelWriter<bool> chunks) : Protocol.SocketIO.Transport.IFrameTransportFactory
    {
        public ValueTask<Protocol.SocketIO.Transport.IFrameTransport> ConnectAsync(Uri uri, Protocol.SocketIO.Transport.FrameTransportOptions options, CancellationToken cancellationToken)
        {
            var listener = options.DataReceived;
            return inner.ConnectAsync(
                uri,
                new Protocol.SocketIO.Transport.FrameTransportOptions
                {
                    Headers = options.Headers,
                    Cookies = options.Cookies,
                    MaxInboundMessageBytes = options.MaxInboundMessageBytes,
                    ReceiveMemoryPool = options.ReceiveMemoryPool,
                    DataReceived = () =>
                    {
                        listener?.Invoke();
                        chunks.TryWrite(true);
                    },
                },
                cancellationToken);
        }
    }
}
