using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Protocol.Testing;
using Protocol.Testing.Buffers;
using Protocol.Tests.Allocations;
using Protocol.Tests.WebSockets;
using static Protocol.Tests.WebSockets.WebSocketWire;
using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Connections;

/// <summary>The one receive loop: whole messages from pipe segments, the bound, the pool accounting, 0 B per message.</summary>
public sealed class WebSocketMessageReaderTests
{
    [Fact]
    public async Task Fragments_arrive_as_one_message_and_a_small_one_is_a_single_segment()
    {
        var wire = new WireStream([.. Frame(Text, "{\"a\":"u8, fin: false), .. Frame(Continuation, "1}"u8), .. Frame(Binary, [1, 2, 3])]);
        using var socket = ClientOver(wire);
        using var reader = new WebSocketMessageReader(socket, 1024);

        var text = await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet();
        text.Type.ShouldBe(WebSocketMessageType.Text);
        text.Payload.IsSingleSegment.ShouldBeTrue();
        Encoding.UTF8.GetString(text.Payload.FirstSpan).ShouldBe("{\"a\":1}");

        var binary = await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet();
        binary.Type.ShouldBe(WebSocketMessageType.Binary);
        binary.Payload.ToArray().ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task Empty_messages_arrive_as_empty_payloads()
    {
        using var socket = ClientOver(new WireStream([.. Frame(Binary, []), .. Frame(Text, ""u8), .. Frame(Binary, [5])]));
        using var reader = new WebSocketMessageReader(socket, 1024);

        var binary = await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet();
        binary.Type.ShouldBe(WebSocketMessageType.Binary);
        binary.Payload.IsEmpty.ShouldBeTrue();
        var text = await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet();
        text.Type.ShouldBe(WebSocketMessageType.Text);
        text.Payload.IsEmpty.ShouldBeTrue();
        (await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet()).Payload.ToArray().ShouldBe([5]);
    }

    [Fact]
    public async Task A_large_message_stays_in_pool_segments_and_every_segment_goes_back()
    {
        var payload = new byte[100_000];
        Random.Shared.NextBytes(payload);
        var pool = new CountingMemoryPool(4096);
        using var socket = ClientOver(new WireStream([.. Frame(Binary, payload), .. Frame(Binary, [9])]));
        var reader = new WebSocketMessageReader(socket, 1 << 20, pool);

        var message = await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet();
        message.Payload.IsSingleSegment.ShouldBeFalse();
        message.Payload.ToArray().ShouldBe(payload);
        pool.Outstanding.ShouldBeGreaterThanOrEqualTo(25, "100,000 bytes in 4 KiB blocks, no contiguous copy");

        (await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet()).Payload.ToArray().ShouldBe([9]);
        pool.Outstanding.ShouldBe(1, "the previous message's blocks went back when the next was received");

        reader.Dispose();
        pool.Outstanding.ShouldBe(0);
        pool.DoubleReturns.ShouldBe(0);
    }

    [Fact]
    public async Task A_message_exactly_at_the_bound_is_accepted_and_one_byte_over_is_refused_without_reading_further()
    {
        var pool = new CountingMemoryPool(1024);
        using var socket = ClientOver(new WireStream([.. Frame(Binary, new byte[5000]), .. Frame(Binary, new byte[5001]), .. Frame(Binary, new byte[1])]));
        using var reader = new WebSocketMessageReader(socket, 5000, pool);

        (await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet()).Payload.Length.ShouldBe(5000);
        var error = await Should.ThrowAsync<InboundMessageTooLargeException>(reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet());
        error.Limit.ShouldBe(5000);
        error.Received.ShouldBe(5001);
        error.Message.ShouldContain("MaxInboundMessageBytes");

        reader.Dispose();
        pool.Outstanding.ShouldBe(0);
    }

    [Fact]
    public async Task A_close_reports_the_peers_status_and_reason()
    {
        using var socket = ClientOver(new WireStream(CloseFrame(4001, "kicked")));
        using var reader = new WebSocketMessageReader(socket, 1024);

        var close = await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet();

        close.Type.ShouldBe(WebSocketMessageType.Close);
        close.CloseStatus.ShouldBe((WebSocketCloseStatus)4001);
        close.CloseDescription.ShouldBe("kicked");
        close.Payload.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task Invalid_utf8_in_a_text_message_is_reported_as_the_peer_breaking_the_protocol()
    {
        using var socket = ClientOver(new WireStream(Frame(Text, [0x7B, 0xC3, 0x28])));
        using var reader = new WebSocketMessageReader(socket, 1024);

        var error = await Should.ThrowAsync<WebSocketException>(reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet());

        error.Message.ShouldContain("UTF-8");
    }

    [Fact]
    public async Task A_server_accepted_socket_is_read_the_same_way()
    {
        using var socket = ServerOver(new WireStream(Frame(Text, "42[\"hello\"]"u8, masked: true)));
        using var reader = new WebSocketMessageReader(socket, 1024);

        var message = await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet();

        Encoding.UTF8.GetString(message.Payload.FirstSpan).ShouldBe("42[\"hello\"]");
    }

    [Fact]
    public async Task One_receive_at_a_time_and_none_after_dispose()
    {
        using var socket = ClientOver(new WireStream(Frame(Text, "x"u8)));
        var reader = new WebSocketMessageReader(socket, 1024);
        await reader.ReceiveAsync(CancellationToken.None).AsTask().WithSafetyNet();

        reader.Dispose();
        reader.Dispose();

        await Should.ThrowAsync<ObjectDisposedException>(reader.ReceiveAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Disposed_during_a_receive_the_block_the_socket_reads_into_goes_back_only_when_the_receive_ends()
    {
        var pool = new CountingMemoryPool(1024);
        using var socket = ClientOver(new StallingStream());
        var reader = new WebSocketMessageReader(socket, 4096, pool);
        var pending = reader.ReceiveAsync(CancellationToken.None).AsTask();
        pool.Outstanding.ShouldBe(1);

        reader.Dispose();
        pool.Outstanding.ShouldBe(1, "the socket may still write into it");
        socket.Abort();

        await Should.ThrowAsync<Exception>(pending.WithSafetyNet());
        pool.Outstanding.ShouldBe(0);
        pool.DoubleReturns.ShouldBe(0);
    }

    [Fact]
    public async Task Receiving_small_and_multi_segment_messages_allocates_nothing_in_steady_state()
    {
        // A steady wire of one small text message and one 40 KB binary message (three 16 KiB blocks): the default pool
        // reuses its blocks and the pipe its segments, and every read completes synchronously.
        var wire = new WireStream([.. Frame(Text, "{\"action\":\"tick\",\"p\":1.0825}"u8), .. Frame(Binary, new byte[40_000])], repeat: true);
        using var socket = ClientOver(wire);
        using var reader = new WebSocketMessageReader(socket, 1 << 20);
        Receive(reader, 50_000).ShouldBeGreaterThan(0);

        // The in-memory wire completes every read synchronously, so a whole round runs on the measuring thread.
        long sink = 0;
        var rounds = await AllocationRounds.MeasureAsync(() => sink += Receive(reader, 4_000), 5).WithSafetyNet(AllocationRounds.Limit);

        sink.ShouldBe(6 * 2_000L * (28 + 40_000));
        rounds.Min().ShouldBe(0, $"receiving allocated in every round of 4000 messages (bytes per round: {AllocationRounds.Describe(rounds)})");
    }

    private static long Receive(WebSocketMessageReader reader, int count)
    {
        long sink = 0;
        for (var i = 0; i < count; i++)
        {
            var pending = reader.ReceiveAsync(CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("The in-memory wire completes every read synchronously; a pending receive means the reader went asynchronous.");
            }

            sink += pending.Result.Payload.Length;
        }

        return sink;
    }
}
