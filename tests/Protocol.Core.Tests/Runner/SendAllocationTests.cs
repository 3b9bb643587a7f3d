using Protocol.Tests.WebSockets;
using Protocol.Tests.Allocations;
using Protocol.Tests.Connections;
using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Protocol.Testing;
using Protocol.Testing.Time;
using Protocol.Tests.Network;
using Protocol.Infrastructure;
using Protocol.JsonActions;

namespace Protocol.Core.Tests.Runner;

// A typed send (IOutgoingMessage -> EnvelopeSender -> runner -> connection) allocates nothing per send in steady state:
// no writer, no buffer, no lock wait, no token source, no TaskCompletionSource. Measured in AllocationRounds (a thread of
// its own, the least of several rounds), on sends the connection completes at once.
public sealed class SendAllocationTests
{
    private const int WarmUp = 2_000;
    private const int Sends = 4_000;
    private const int Rounds = 5;

    [Fact]
    public async Task Typed_sends_of_both_envelopes_through_the_client_allocate_nothing_per_send()
    {
        var connection = new DiscardingConnection();
        var clock = new TimerCountingTimeProvider();
        await using var client = new ClientBuilder<object>(new object())
            .UseConnection(() => connection)
            .AddEndpoint(new ConnectionEndpoint("wss://demo.example/ws"))
            .UseTimeProvider(clock)
            .Build();
        await client.ConnectAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet(SafetyNet.NetworkLimit);

        var action = new PlaceBet { Asset = "EURUSD", Amount = 10 };
        var socketIo = new ChangeSymbol { Asset = "EURUSD_otc", Period = 60 };

        var actionRounds = await AllocationRounds.MeasureAsync(() => SendMany(client, action, Sends), Rounds).WithSafetyNet(AllocationRounds.Limit);
        var socketIoRounds = await AllocationRounds.MeasureAsync(() => SendMany(client, socketIo, Sends), Rounds).WithSafetyNet(AllocationRounds.Limit);

        connection.LastText.ShouldBe("42[\"changeSymbol\",{\"asset\":\"EURUSD_otc\",\"period\":60}]");
        connection.Sent.ShouldBe(2 * (Rounds + 1) * Sends);
        actionRounds.Min().ShouldBe(0, $"a JSON-action typed send allocated in every round of {Sends} sends (bytes per round: {AllocationRounds.Describe(actionRounds)})");
        socketIoRounds.Min().ShouldBe(0, $"a Socket.IO typed send allocated in every round of {Sends} sends (bytes per round: {AllocationRounds.Describe(socketIoRounds)})");
    }

    [Fact]
    public async Task A_typed_send_through_the_client_into_a_loopback_websocket_allocates_nothing_per_send()
    {
        await using var server = new LoopbackWebSocketServer();
        await using var client = new ClientBuilder<object>(new object())
            .UseConnection(JsonWebSocketConnection.Factory())
            .AddEndpoint(new ConnectionEndpoint(server.Uri))
            .Build();
        await client.ConnectAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        var (socket, _) = await server.NextClientAsync();
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet(SafetyNet.NetworkLimit);
        const int PerRound = 2_000;
        var received = WebSocketDrain.CountMessagesAsync(socket, WarmUp + (Rounds + 1) * PerRound);

        var action = new PlaceBet { Asset = "EURUSD", Amount = 10 };
        for (var i = 0; i < WarmUp; i++)
        {
            await client.SendAsync(action);
        }

        // The socket's own sends that do not complete at once finish on the thread pool; only the part of a send that runs
        // on the sending thread is counted, and a send that pends is waited for without awaiting (so the round stays on it).
        var pending = 0;
        var rounds = await AllocationRounds.MeasureAsync(() => pending += SendMany(client, action, PerRound, allowPending: true), Rounds).WithSafetyNet(AllocationRounds.Limit);

        (await received.WithSafetyNet(TimeSpan.FromSeconds(30))).ShouldBe(WarmUp + (Rounds + 1) * PerRound);
        rounds.Min().ShouldBe(0, $"Client.SendAsync<PlaceBet> over a WebSocket allocated in every round of {PerRound} sends (bytes per round: {AllocationRounds.Describe(rounds)}; {pending} sends did not complete at once)");
    }

    private static int SendMany<TMessage>(Client<object> client, TMessage message, int count, bool allowPending = false)
        where TMessage : IOutgoingMessage
    {
        var pending = 0;
        for (var i = 0; i < count; i++)
        {
            var sent = client.SendAsync(message);
            if (!sent.IsCompletedSuccessfully)
            {
                if (!allowPending)
                {
                    throw new InvalidOperationException($"Send {i} did not complete synchronously.");
                }

                pending++;
                sent.AsTask().GetAwaiter().GetResult();
                continue;
            }

            sent.GetAwaiter().GetResult();
        }

        return pending;
    }


    // Written the way the generator writes a JSON-action [ProtocolMessage] (this project runs no generator).
    private sealed class PlaceBet : IOutgoingMessage
    {
        public string Asset { get; init; } = "";

        public decimal Amount { get; init; }

        public string MessageName => "placeBet";

        public void WriteJson(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("asset"u8, Asset);
            writer.WriteNumber("amount"u8, Amount);
            writer.WriteEndObject();
        }

        public void WriteEnvelope(IBufferWriter<byte> output) => WireJson.WriteFrame(output, this, static (writer, self) =>
        {
            writer.WriteStartObject();
            writer.WriteString("action"u8, "placeBet"u8);
            writer.WritePropertyName("data"u8);
            self.WriteJson(writer);
            writer.WriteEndObject();
        });
    }

    // Written the way the generator writes a Socket.IO [ProtocolMessage].
    private sealed class ChangeSymbol : IOutgoingMessage
    {
        public string Asset { get; init; } = "";

        public long Period { get; init; }

        public string MessageName => "changeSymbol";

        public void WriteJson(Utf8JsonWriter writer)
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
