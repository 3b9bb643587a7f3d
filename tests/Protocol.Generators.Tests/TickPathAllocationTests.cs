using Protocol.Generators.Tests.Fixtures;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Time;
using Protocol.Tests.Allocations;

namespace Protocol.Generators.Tests;

/// <summary>
/// Issue #9: a two-step <c>updateStream</c> tick from received frames to a subscriber allocates nothing beyond the typed
/// value: the frames go through the Socket.IO codec and assembler, the router, the dispatch table (read once), the
/// stream and the subscriber's buffer, all on one thread, and the bytes are compared with the reader's alone.
/// </summary>
public sealed class TickPathAllocationTests
{
    private const int Ticks = 2_000;
    private const int Rounds = 5;
    private static readonly byte[] Header = """451-["updateStream",{"_placeholder":true,"num":0}]"""u8.ToArray();
    private static readonly byte[] Attachment = """[["EURUSD_otc",1751882400.5,1.08321]]"""u8.ToArray();

    [Fact]
    public async Task A_two_step_tick_reaches_a_subscriber_with_no_bytes_beyond_the_typed_value()
    {
        var state = new TradingState();
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        await using var client = new ClientBuilder<TradingState>(state)
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://po.example/socket.io/?EIO=4&transport=websocket"))
            .UseTimeProvider(new TimerCountingTimeProvider())
            // The module's async tick handler has its own pump: a small inbox is filled during the warm-up, so the producer
            // never grows it while measuring (a pump that lags drops, and counts, without allocating here).
            .Configure(o => o.ModuleInboxCapacity = 64)
            .AddTradesModule()
            .Build();
        await client.ConnectAsync().WithSafetyNet();
        var connection = await transport.NextConnectionAsync();
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet();
        await using var subscription = client.GetApi<TradesApi>().SubscribeTicks(new SubscriptionOptions { Capacity = 16 });
        await using var reader = subscription.GetAsyncEnumerator();

        // A warm-up round, then the rounds measured, on a thread of their own (see AllocationRounds for why the least).
        var path = await AllocationRounds.MeasureAsync(() => PushAndRead(connection, reader, Ticks), Rounds).WithSafetyNet(AllocationRounds.Limit);
        UpdateStream? value = null;
        var readerAlone = await AllocationRounds.MeasureAsync(() => value = ReadOnly(Ticks), Rounds).WithSafetyNet(AllocationRounds.Limit);

        value!.Ticks.ShouldHaveSingleItem().Symbol.ShouldBe("EURUSD_otc");
        readerAlone.Min().ShouldBeGreaterThan(0);
        path.Min().ShouldBeLessThanOrEqualTo(readerAlone.Min(),
            $"the tick path allocated more than the typed value alone in every round of {Ticks} ticks (path: {AllocationRounds.Describe(path)} B; reader alone: {AllocationRounds.Describe(readerAlone)} B)");
    }

    private static void PushAndRead(FakeConnection connection, IAsyncEnumerator<UpdateStream> reader, int count)
    {
        for (var i = 0; i < count; i++)
        {
            connection.PushText(Header);
            connection.PushBinary(Attachment);
            var next = reader.MoveNextAsync();
            if (!next.IsCompletedSuccessfully || !next.Result || reader.Current.Ticks.Length != 1)
            {
                throw new InvalidOperationException($"Tick {i} did not reach the subscriber synchronously.");
            }
        }
    }

    // The typed value on its own: the generated reader over the same tick's arguments.
    private static UpdateStream ReadOnly(int count)
    {
        ReadOnlySpan<byte> payload = """["updateStream",{"_placeholder":true,"num":0}]"""u8;
        ReadOnlyMemory<byte>[] attachments = [Attachment];
        // The layout the Socket.IO mapper hands in: argument 0 is attachment 0.
        ArgumentSlice[] arguments = [ArgumentSlice.Attachment(0)];
        UpdateStream? value = null;
        for (var i = 0; i < count; i++)
        {
            var view = new MessageView(MessageKind.Event, Header, "updateStream"u8, payload, arguments, attachments, "/"u8);
            if (!UpdateStream.TryRead(view, out value))
            {
                throw new InvalidOperationException("The fixture tick did not read.");
            }
        }

        return value!;
    }
}
