using Protocol.Tests.Allocations;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;

namespace Protocol.Generators.Tests;

/// <summary>
/// The generated MarketModule (Fixtures/MarketModule.cs) on a fake connection and a fake clock: its declared keyed stream
/// (start x2, stop) and its declared wait.
/// </summary>
public sealed class KeyedStreamAndWaitRuntimeTests : IAsyncDisposable
{
    private const string ChangeSymbolEuro = """42["changeSymbol",{"asset":"EURUSD_otc","period":60}]""";
    private const string SubforEuro = """42["subfor","EURUSD_otc"]""";

    private readonly MarketState _state = new();
    private readonly Protocol.Testing.Time.TimerCountingTimeProvider _time = new();
    private readonly FakeTransport _transport = new(FakeEnvelope.SocketIO);
    private readonly Client<MarketState> _client;
    private readonly StateRecorder<MarketState> _states;

    public KeyedStreamAndWaitRuntimeTests()
    {
        _client = new ClientBuilder<MarketState>(_state)
            .UseConnection(_transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://po.example/socket.io/?EIO=4&transport=websocket", "primary"))
            .UseTimeProvider(_time)
            .UseRandom(new Random(7))
            .AddMarketModule()
            .Build();
        _states = new StateRecorder<MarketState>(_client);
    }

    private MarketApi Market => _client.GetApi<MarketApi>();

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task The_first_subscriber_of_an_asset_sends_the_declared_start_messages_in_order_and_a_second_sends_nothing()
    {
        var connection = await ConnectAsync();

        await using var first = await Market.SubscribeTicksAsync("EURUSD_otc").WithSafetyNet();
        connection.Sent.Select(s => s.Text).ShouldBe([ChangeSymbolEuro, SubforEuro]);

        // The declared comparer ignores case: the same key, so nothing more is sent and both get the asset's ticks.
        await using var second = await Market.SubscribeTicksAsync("eurusd_otc").WithSafetyNet();
        connection.Sent.Count.ShouldBe(2);
        Market.Ticks.CountFor("EURUSD_otc").ShouldBe(2);
        PushTick(connection, "EURUSD_otc", 1.08m);
        (await TakeAsync(first, 1)).ShouldBe([1.08m]);
        (await TakeAsync(second, 1)).ShouldBe([1.08m]);
    }

    [Fact]
    public async Task Ticks_reach_only_the_subscribers_of_their_asset_and_the_last_one_leaving_sends_the_declared_stop()
    {
        var connection = await ConnectAsync();
        var euro = await Market.SubscribeTicksAsync("EURUSD_otc").WithSafetyNet();
        await using var pound = await Market.SubscribeTicksAsync("GBPUSD_otc").WithSafetyNet();

        PushTick(connection, "GBPUSD_otc", 1.25m);
        PushTick(connection, "EURUSD_otc", 1.08m);
        PushTick(connection, "USDJPY_otc", 150m); // nobody subscribed: dropped
        connection.Push(MessageKind.Event, "updateStream", """["updateStream",[]]"""); // no asset: dropped
        PushTick(connection, "GBPUSD_otc", 1.26m);

        (await TakeAsync(euro, 1)).ShouldBe([1.08m]);
        (await TakeAsync(pound, 2)).ShouldBe([1.25m, 1.26m]);
        euro.DroppedCount.ShouldBe(0);

        for (var i = 0; i < 4; i++)
        {
            await connection.NextSentAsync(); // the start messages of both assets
        }

        await euro.DisposeAsync();
        (await connection.NextSentAsync()).Text.ShouldBe("""42["unsubfor","EURUSD_otc"]""");
        Market.Ticks.KeyCount.ShouldBe(1);
        connection.Sent.Count.ShouldBe(5);
    }

    [Fact]
    public async Task After_a_reconnect_the_start_messages_are_replayed_before_Ready_and_the_enumeration_goes_on_with_ResumeCount_1()
    {
        var first = await ConnectAsync();
        var ticks = await Market.SubscribeTicksAsync("EURUSD_otc").WithSafetyNet();
        var received = new List<decimal>();
        var consumer = Task.Run(async () =>
        {
            await foreach (var update in ticks)
            {
                received.Add(update.Ticks[0].Price);
                if (received.Count == 2)
                {
                    break;
                }
            }
        });
        PushTick(first, "EURUSD_otc", 1.08m);

        // Taken as the runner announces Ready: the replay must already be on the wire.
        var sentWhenReady = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.StateChanged += (_, e) =>
        {
            if (e.Current == ConnectionState.Ready)
            {
                sentWhenReady.TrySetResult([.. _transport.Current!.Sent.Select(s => s.Text)]);
            }
        };
        first.Drop();
        _time.Advance((await _states.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await _transport.NextConnectionAsync();
        await _states.NextAsync(ConnectionState.Ready);
        (await sentWhenReady.Task.WithSafetyNet()).ShouldBe([ChangeSymbolEuro, SubforEuro]);

        PushTick(second, "EURUSD_otc", 1.09m);
        await consumer.WithSafetyNet();
        received.ShouldBe([1.08m, 1.09m]);
        ticks.ResumeCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_wait_registered_before_the_matching_message_completes_with_it_and_every_matching_wait_completes()
    {
        var connection = await ConnectAsync();
        using var wait = Market.WaitDealClosed("deal-1");
        using var same = Market.WaitDealClosed("deal-1");
        using var other = Market.WaitDealClosed("deal-2");
        Market.DealClosedWaits.Count.ShouldBe(3);

        PushClosed(connection, "deal-1");

        (await wait.WaitAsync(TimeSpan.FromMinutes(2)).WithSafetyNet()).Deals.ShouldHaveSingleItem().Id.ShouldBe("deal-1");
        (await same.WaitAsync(TimeSpan.FromMinutes(2)).WithSafetyNet()).Deals.ShouldHaveSingleItem().Id.ShouldBe("deal-1");
        other.IsCompleted.ShouldBeFalse(); // a non-matching message leaves it pending
        Market.DealClosedWaits.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_wait_that_completes_leaves_no_timer_of_its_timeout_armed_when_it_returns()
    {
        var connection = await ConnectAsync();
        var armedBefore = _time.ActiveTimerCount;
        using var wait = Market.WaitDealClosed("deal-1");
        var pending = wait.WaitAsync(TimeSpan.FromMinutes(2));
        _time.ActiveTimerCount.ShouldBe(armedBefore + 1, "the wait's timeout is armed while it waits");

        // Runs on the thread that completes the wait, at that moment: what an awaiting caller sees first.
        var armedAtReturn = pending.ContinueWith(_ => _time.ActiveTimerCount, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        PushClosed(connection, "deal-1");
        (await pending.WithSafetyNet()).Deals[0].Id.ShouldBe("deal-1");
        (await armedAtReturn.WithSafetyNet()).ShouldBe(armedBefore, "the 2 min timeout is disposed before WaitAsync returns");
    }

    [Fact]
    public async Task A_wait_registered_after_a_matching_message_does_not_see_it()
    {
        var connection = await ConnectAsync();
        PushClosed(connection, "deal-1");

        using var late = Market.WaitDealClosed("deal-1");
        PushClosed(connection, "deal-9");
        late.IsCompleted.ShouldBeFalse();

        PushClosed(connection, "deal-1");
        (await late.WaitAsync(TimeSpan.FromMinutes(2)).WithSafetyNet()).Deals[0].Id.ShouldBe("deal-1");
    }

    [Fact]
    public async Task A_wait_times_out_on_the_clients_clock_with_a_typed_error_naming_it_and_is_unregistered()
    {
        await ConnectAsync();
        using var wait = Market.WaitDealClosed("deal-1");
        var pending = wait.WaitAsync(TimeSpan.FromMinutes(2));

        _time.Advance(TimeSpan.FromMinutes(1));
        pending.IsCompleted.ShouldBeFalse();
        _time.Advance(TimeSpan.FromMinutes(1));

        var timeout = await Should.ThrowAsync<InboundWaitTimeoutException>(() => pending.WithSafetyNet());
        timeout.Wait.ShouldBe("market.DealClosed");
        timeout.Timeout.ShouldBe(TimeSpan.FromMinutes(2));
        timeout.Message.ShouldContain("market.DealClosed");
        Market.DealClosedWaits.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Cancelling_a_wait_ends_it_and_unregisters_it()
    {
        await ConnectAsync();
        using var wait = Market.WaitDealClosed("deal-1");
        using var cancel = new CancellationTokenSource();
        var pending = wait.WaitAsync(TimeSpan.FromMinutes(2), cancel.Token);

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => pending.WithSafetyNet());
        Market.DealClosedWaits.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_lost_connection_fails_a_pending_wait_with_ConnectionLostException()
    {
        var connection = await ConnectAsync();
        using var wait = Market.WaitDealClosed("deal-1");
        var pending = wait.WaitAsync(TimeSpan.FromMinutes(2));

        connection.Drop();

        var lost = await Should.ThrowAsync<ConnectionLostException>(() => pending.WithSafetyNet());
        lost.Message.ShouldContain("never delivered");
        Market.DealClosedWaits.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Registering_a_wait_when_not_Ready_or_after_the_client_closed_fails_typed()
    {
        Should.Throw<NotReadyException>(() => Market.WaitDealClosed("deal-1")).Message.ShouldContain("market.DealClosed");

        await ConnectAsync();
        using var wait = Market.WaitDealClosed("deal-1");
        var pending = wait.WaitAsync(TimeSpan.FromMinutes(2));
        await _client.DisposeAsync();

        Exception? ended = null;
        try
        {
            await pending.WithSafetyNet();
        }
        catch (Exception error)
        {
            ended = error;
        }

        // Closing ends the session and then the client: whichever reaches the wait first fails it.
        ended.ShouldNotBeNull().ShouldSatisfyAllConditions(
            () => (ended is ConnectionLostException or ClientClosedException).ShouldBeTrue(ended.ToString()));
        Should.Throw<ClientClosedException>(() => Market.WaitDealClosed("deal-1"));
    }

    [Fact]
    public async Task A_predicate_that_throws_fails_its_own_wait_and_the_other_waits_still_see_the_message()
    {
        var connection = await ConnectAsync();
        using var buggy = Market.WaitFirstDealOn("EURUSD_otc");
        using var closed = Market.WaitDealClosed("deal-1");

        connection.Push(MessageKind.Event, "successcloseOrder", """["successcloseOrder",{"profit":"0","deals":[]}]""");
        PushClosed(connection, "deal-1");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => buggy.WaitAsync(TimeSpan.FromMinutes(2)).WithSafetyNet());
        (await closed.WaitAsync(TimeSpan.FromMinutes(2)).WithSafetyNet()).Deals[0].Id.ShouldBe("deal-1");
        Market.FirstDealOnWaits.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_disposed_wait_is_unregistered_and_refuses_to_wait_and_a_timeout_must_be_positive()
    {
        var connection = await ConnectAsync();
        var wait = Market.WaitDealClosed("deal-1");
        Should.Throw<ArgumentOutOfRangeException>(() => wait.WaitAsync(TimeSpan.Zero)).Message.ShouldContain("market.DealClosed");

        wait.Dispose();
        wait.Dispose();
        Market.DealClosedWaits.Count.ShouldBe(0);
        PushClosed(connection, "deal-1");
        Should.Throw<ObjectDisposedException>(() => wait.WaitAsync(TimeSpan.FromMinutes(2))).Message.ShouldContain("register a new one");
    }

    [Fact]
    public async Task Offering_a_message_allocates_nothing_when_no_wait_is_registered()
    {
        await ConnectAsync();
        var closed = new SuccessCloseOrder { Deals = [new Deal { Id = "deal-1" }] };
        var waits = Market.DealClosedWaits;
        waits.Offer(closed);

        // Rounds on a thread of their own, asserted on the least (see AllocationRounds).
        var rounds = await AllocationRounds.MeasureAsync(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                waits.Offer(closed);
            }
        }, 5).WithSafetyNet(AllocationRounds.Limit);
        rounds.Min().ShouldBe(0, $"bytes per round: {AllocationRounds.Describe(rounds)}");
    }

    private static void PushTick(FakeConnection connection, string asset, decimal price) =>
        connection.Push(MessageKind.Event, "updateStream", $"[\"updateStream\",[[\"{asset}\",1751882400.5,{price.ToString(System.Globalization.CultureInfo.InvariantCulture)}]]]");

    private static void PushClosed(FakeConnection connection, string dealId)
    {
        var deal = MessageRoundTripTests.DealJson.Replace("0b4b2a7e-1c1e-4a8f-9a55-3c1f5e8e0e11", dealId, StringComparison.Ordinal);
        connection.Push(MessageKind.Event, "successcloseOrder", "[\"successcloseOrder\",{\"profit\":\"0.87\",\"deals\":[" + deal + "]}]");
    }

    private static async Task<decimal[]> TakeAsync(Subscription<UpdateStream> subscription, int count)
    {
        var taken = new List<decimal>();
        // Not disposed: ending an enumeration unsubscribes, and the test decides when that happens.
        var reader = subscription.GetAsyncEnumerator();
        while (taken.Count < count && await reader.MoveNextAsync().AsTask().WithSafetyNet())
        {
            taken.Add(reader.Current.Ticks[0].Price);
        }

        return [.. taken];
    }

    private async Task<FakeConnection> ConnectAsync()
    {
        await _client.ConnectAsync();
        var connection = await _transport.NextConnectionAsync();
        await _states.NextAsync(ConnectionState.Ready);
        return connection;
    }
}
