using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Protocol.SocketIO.EngineIO;
using Protocol.SocketIO.Transport;
using Protocol.Testing;
using Protocol.Testing.Buffers;
using Protocol.Tests.Allocations;
using Protocol.Tests.WebSockets;
using static Protocol.Tests.WebSockets.WebSocketWire;

namespace Protocol.SocketIO.Tests.Transport;

/// <summary>The Socket.IO transport on the shared receive loop, over any WebSocket, read from memory.</summary>
public sealed class WebSocketFrameTransportTests
{
    [Fact]
    public async Task Frames_from_a_server_accepted_socket_arrive_whole_with_their_kind()
    {
        var socket = ServerOver(new WireStream([.. Frame(Text, "42[\"a\","u8, fin: false, masked: true), .. Frame(Continuation, "1]"u8, masked: true), .. Frame(Binary, [7], masked: true)]));
        await using var transport = new WebSocketFrameTransport(socket, new FrameTransportOptions());

        var text = await transport.ReceiveAsync(int.MaxValue, CancellationToken.None).AsTask().WithSafetyNet();
        text.Kind.ShouldBe(FrameKind.Text);
        Encoding.UTF8.GetString(text.Payload.FirstSpan).ShouldBe("42[\"a\",1]");
        var binary = await transport.ReceiveAsync(int.MaxValue, CancellationToken.None).AsTask().WithSafetyNet();
        binary.Kind.ShouldBe(FrameKind.Binary);
        binary.Payload.ToArray().ShouldBe([7]);
    }

    [Fact]
    public async Task A_frame_over_the_bound_fails_typed_aborts_the_socket_and_returns_every_block()
    {
        var pool = new CountingMemoryPool(1024);
        var socket = ClientOver(new WireStream(Frame(Text, Encoding.UTF8.GetBytes("4" + new string('x', 10_000)))));
        var transport = new WebSocketFrameTransport(socket, new FrameTransportOptions { MaxInboundMessageBytes = 4096, ReceiveMemoryPool = pool });

        var error = await Should.ThrowAsync<InboundMessageTooLargeException>(transport.ReceiveAsync(int.MaxValue, CancellationToken.None).AsTask().WithSafetyNet());

        error.Limit.ShouldBe(4096);
        error.Received.ShouldBe(4097);
        socket.State.ShouldBe(WebSocketState.Aborted);
        await transport.DisposeAsync();
        pool.Outstanding.ShouldBe(0);
    }

    [Fact]
    public async Task Receiving_and_decoding_engine_io_frames_allocates_nothing_in_steady_state()
    {
        var wire = new WireStream([.. Frame(Text, "42[\"tick\",{\"s\":\"EURUSD\",\"p\":1.0825}]"u8), .. Frame(Text, "2"u8), .. Frame(Binary, new byte[20_000])], repeat: true);
        await using var transport = new WebSocketFrameTransport(ClientOver(wire), new FrameTransportOptions());
        Receive(transport, 50_000).ShouldBeGreaterThan(0);

        // The in-memory wire completes every read synchronously, so a whole round runs on the measuring thread.
        long sink = 0;
        var rounds = await AllocationRounds.MeasureAsync(() => sink += Receive(transport, 3_000), 5).WithSafetyNet(AllocationRounds.Limit);

        sink.ShouldBe(6 * 1_000L * (35 + 0 + 20_000));
        rounds.Min().ShouldBe(0, $"receiving allocated in every round of 3000 frames (bytes per round: {AllocationRounds.Describe(rounds)})");
    }

    private static long Receive(WebSocketFrameTransport transport, int count)
    {
        long sink = 0;
        for (var i = 0; i < count; i++)
        {
            var pending = transport.ReceiveAsync(int.MaxValue, CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("The in-memory wire completes every read synchronously; a pending receive means the transport went asynchronous.");
            }

            var frame = pending.Result;
            var payload = frame.Payload;
            if (payload.IsSingleSegment)
            {
                sink += EngineIOPacketDecoder.Decode(payload.FirstSpan, frame.Kind == FrameKind.Binary).Data.Length;
            }
            else
            {
                sink += payload.Length;
            }
        }

        return sink;
    }
}
