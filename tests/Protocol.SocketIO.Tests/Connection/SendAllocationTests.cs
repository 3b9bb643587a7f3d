using System.Buffers;
using Protocol.SocketIO.Tests.Transport;
using Protocol.Testing;
using Protocol.Testing.Time;
using Protocol.Infrastructure;
using Protocol.Tests.Allocations;

namespace Protocol.SocketIO.Tests.Connection;

/// <summary>
/// Steady-state allocation of the send path: 0 bytes per send, measured in AllocationRounds (the least of several rounds,
/// on a thread of their own). The in-memory transport drops sends synchronously, so with the writer free every send is
/// written through and completes before it returns.
/// </summary>
public sealed class SendAllocationTests
{
    private const int Sends = 4_000;
    private const int Rounds = 5;

    private static readonly byte[] Arguments = "{\"asset\":\"EURUSD_otc\",\"period\":60}"u8.ToArray();
    private static readonly byte[] Frame = "42[\"changeSymbol\",{\"asset\":\"EURUSD_otc\",\"period\":60}]"u8.ToArray();

    [Fact]
    public async Task EmitAsync_allocates_nothing_per_send_in_steady_state()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        h.Transport.DiscardSends = true;

        var rounds = await AllocationRounds.MeasureAsync(() => EmitMany(h.Connection, Sends), Rounds).WithSafetyNet(AllocationRounds.Limit);

        h.Transport.DiscardedFrames.ShouldBe((Rounds + 1) * Sends);
        rounds.Min().ShouldBe(0, $"EmitAsync allocated in every round of {Sends} sends (bytes per round: {AllocationRounds.Describe(rounds)})");
    }

    [Fact]
    public async Task SendAsync_of_an_encoded_frame_allocates_nothing_per_send_in_steady_state()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        h.Transport.DiscardSends = true;

        var rounds = await AllocationRounds.MeasureAsync(() => SendMany(h.Connection, Sends), Rounds).WithSafetyNet(AllocationRounds.Limit);

        h.Transport.DiscardedBytes.ShouldBe((long)(Rounds + 1) * Sends * Frame.Length);
        rounds.Min().ShouldBe(0, $"SendAsync allocated in every round of {Sends} sends (bytes per round: {AllocationRounds.Describe(rounds)})");
    }

    [Fact]
    public async Task The_runtime_connection_allocates_nothing_per_send_in_steady_state()
    {
        var transport = new InMemoryFrameTransport();
        var clock = new TimerCountingTimeProvider();
        await using var connection = new SocketIOTransportConnection(o =>
        {
            o.TransportFactory = new InMemoryTransportFactory(transport);
            o.TimeProvider = clock;
        });
        var sink = new NullSink();
        transport.PushText(ConnectionHarness.OpenPacket);
        var connecting = connection.ConnectAsync(new ConnectionEndpoint("ws://127.0.0.1:1/socket.io/?EIO=4&transport=websocket"), sink, CancellationToken.None).AsTask();
        (await transport.NextSentTextAsync().WithSafetyNet()).ShouldBe("40");
        transport.PushText("40{\"sid\":\"s1\"}");
        await connecting.WithSafetyNet();
        transport.DiscardSends = true;

        var message = OutgoingMessage.Text(Frame);
        var rounds = await AllocationRounds.MeasureAsync(() => SendMany(connection, message, Sends), Rounds).WithSafetyNet(AllocationRounds.Limit);

        transport.DiscardedFrames.ShouldBe((Rounds + 1) * Sends);
        rounds.Min().ShouldBe(0, $"SocketIOTransportConnection.SendAsync allocated in every round of {Sends} sends (bytes per round: {AllocationRounds.Describe(rounds)})");
    }

    [Fact]
    public async Task A_typed_send_through_the_client_allocates_nothing_per_send_in_steady_state()
    {
        var transport = new InMemoryFrameTransport();
        var clock = new TimerCountingTimeProvider();
        await using var client = new ClientBuilder<object>(new object())
            .UseConnection(SocketIOTransportConnection.Factory(o =>
            {
                o.TransportFactory = new InMemoryTransportFactory(transport);
                o.TimeProvider = clock;
            }))
            .AddEndpoint(new ConnectionEndpoint("ws://127.0.0.1:1/socket.io/?EIO=4&transport=websocket"))
            .UseTimeProvider(clock)
            .Build();
        transport.PushText(ConnectionHarness.OpenPacket);
        await client.ConnectAsync().WithSafetyNet();
        (await transport.NextSentTextAsync().WithSafetyNet()).ShouldBe("40");
        transport.PushText("40{\"sid\":\"s1\"}");
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet();
        transport.DiscardSends = true;

        var message = new ChangeSymbol { Asset = "EURUSD_otc", Period = 60 };
        var rounds = await AllocationRounds.MeasureAsync(() => SendMany(client, message, Sends), Rounds).WithSafetyNet(AllocationRounds.Limit);

        transport.DiscardedBytes.ShouldBe((long)(Rounds + 1) * Sends * Frame.Length);
        rounds.Min().ShouldBe(0, $"Client.SendAsync<ChangeSymbol> allocated in every round of {Sends} sends (bytes per round: {AllocationRounds.Describe(rounds)})");
    }

    [Fact]
    public async Task A_send_the_writer_cannot_take_at_once_is_queued_and_completes_when_written()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Transport.SendGate = gate;

        // The first send holds the writer (written through, waiting on the socket); the next ones are queued behind it.
        var first = h.Connection.EmitAsync("a", "1"u8);
        var second = h.Connection.EmitAsync("b", "2"u8);
        var third = h.Connection.SendAsync("42[\"c\",3]"u8);
        first.IsCompleted.ShouldBeFalse();
        second.IsCompleted.ShouldBeFalse();
        third.IsCompleted.ShouldBeFalse();

        gate.SetResult();
        await Task.WhenAll(first, second, third).WithSafetyNet();
        (await h.Transport.NextSentTextAsync().WithSafetyNet()).ShouldBe("42[\"a\",1]");
        (await h.Transport.NextSentTextAsync().WithSafetyNet()).ShouldBe("42[\"b\",2]");
        (await h.Transport.NextSentTextAsync().WithSafetyNet()).ShouldBe("42[\"c\",3]");
        h.Transport.OverlappingSendSeen.ShouldBeFalse();
    }

    private static void EmitMany(SocketIOConnection connection, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sent = connection.EmitAsync("changeSymbol", Arguments);
            if (!sent.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException($"Emit {i} did not complete synchronously ({sent.Status}); the measurement needs a free writer.");
            }
        }
    }

    private static void SendMany(SocketIOConnection connection, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sent = connection.SendAsync(Frame);
            if (!sent.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException($"Send {i} did not complete synchronously ({sent.Status}).");
            }
        }
    }

    private static void SendMany(IConnection connection, OutgoingMessage message, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sent = connection.SendAsync(message, CancellationToken.None);
            if (!sent.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException($"Send {i} did not complete synchronously.");
            }

            sent.GetAwaiter().GetResult();
        }
    }

    private static void SendMany<TMessage>(Client<object> client, TMessage message, int count)
        where TMessage : IOutgoingMessage
    {
        for (var i = 0; i < count; i++)
        {
            var sent = client.SendAsync(message);
            if (!sent.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException($"Send {i} did not complete synchronously.");
            }

            sent.GetAwaiter().GetResult();
        }
    }

    private sealed class NullSink : IMessageSink
    {
        public void OnMessage(in MessageView message)
        {
        }

        public void OnDisconnected(DisconnectInfo info)
        {
        }
    }

    // Written the way the generator writes a Socket.IO [ProtocolMessage] (this project runs no generator):
    // SocketIOEventWriter.WriteEvent with a static argument writer.
    private sealed class ChangeSymbol : IOutgoingMessage
    {
        public string Asset { get; init; } = "";

        public long Period { get; init; }

        public string MessageName => "changeSymbol";

        public void WriteJson(System.Text.Json.Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("asset"u8, Asset);
            writer.WriteNumber("period"u8, Period);
            writer.WriteEndObject();
        }

        public void WriteEnvelope(IBufferWriter<byte> output)
            => Protocol.SocketIO.SocketIOEventWriter.WriteEvent(output, "changeSymbol"u8, this, static (writer, self) => self.WriteJson(writer));
    }
}
