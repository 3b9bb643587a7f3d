using Protocol.Tests.Allocations;
using Protocol.Tests.Connections;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Testing;
using Protocol.Testing.Time;

namespace Protocol.Generators.Tests;

/// <summary>A generated <see cref="IOutgoingMessage"/> sent through the client allocates nothing per send in steady state.</summary>
public class GeneratedSendAllocationTests
{
    [Fact]
    public async Task A_generated_socket_io_message_sent_through_the_client_allocates_nothing_per_send()
    {
        const int Sends = 4_000;
        const int Rounds = 5;
        var connection = new DiscardingConnection();
        var clock = new TimerCountingTimeProvider();
        await using var client = new ClientBuilder<object>(new object())
            .UseConnection(() => connection)
            .AddEndpoint(new ConnectionEndpoint("wss://demo.example/socket.io/?EIO=4&transport=websocket"))
            .UseTimeProvider(clock)
            .Build();
        await client.ConnectAsync().WithSafetyNet();
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet();
        var message = new ChangeSymbol { Asset = "EURUSD_otc", Period = 60 };

        // A warm-up round, then the rounds measured, on a thread of their own (see AllocationRounds for why the least).
        var rounds = await AllocationRounds.MeasureAsync(() => SendMany(client, message, Sends), Rounds).WithSafetyNet(AllocationRounds.Limit);

        connection.LastText.ShouldBe("42[\"changeSymbol\",{\"asset\":\"EURUSD_otc\",\"period\":60}]");
        connection.Sent.ShouldBe((Rounds + 1) * Sends);
        rounds.Min().ShouldBe(0, $"Client.SendAsync<ChangeSymbol> allocated in every round of {Sends} sends (bytes per round: {AllocationRounds.Describe(rounds)})");
    }

    private static void SendMany(Client<object> client, ChangeSymbol message, int count)
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
}
