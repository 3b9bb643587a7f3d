using Protocol.Generators.Tests.Fixtures;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Protocol.Generators.Tests;

/// <summary>The generated TradesModule (Fixtures/TradesModule.cs) driven end to end on a fake connection and a fake clock.</summary>
public sealed class ModuleRuntimeTests : IAsyncDisposable
{
    private readonly TradingState _state = new();
    private readonly FakeTimeProvider _time = new();
    private readonly FakeTransport _transport = new(FakeEnvelope.SocketIO);
    private readonly CapturingLoggerFactory _logs = new();
    private readonly Client<TradingState> _client;
    private readonly StateRecorder<TradingState> _states;

    public ModuleRuntimeTests()
    {
        _client = new ClientBuilder<TradingState>(_state)
            .UseConnection(_transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://po.example/socket.io/?EIO=4&transport=websocket", "primary"))
            .UseTimeProvider(_time)
            .UseLoggerFactory(_logs)
            .UseRandom(new Random(7))
            .AddTradesModule()
            .Build();
        _states = new StateRecorder<TradingState>(_client);
    }

    private TradesApi Trades => _client.GetApi<TradesApi>();

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task OpenOrder_sends_the_frame_and_completes_with_the_deal_that_echoes_its_request_id_after_the_handler_ran()
    {
        var connection = await ConnectAsync();
        var call = Trades.OpenOrderAsync(Order("req-1", "EURUSD_otc", 1m));

        (await connection.NextSentAsync()).Text.ShouldBe("""42["openOrder",{"asset":"EURUSD_otc","action":"call","amount":1,"isDemo":1,"optionType":100,"requestId":"req-1","time":60}]""");
        Trades.PendingCommands.ShouldBe(1);
        PushOpened(connection, "req-1", "deal-1");

        var opened = await call;
        opened.Deal.Id.ShouldBe("deal-1");
        _state.OpenedDeals.ShouldHaveSingleItem().Id.ShouldBe("deal-1");
        _state.PendingWhenHandled.ShouldBe(1); // the [ModuleHandler] ran while the command was still pending, so before the caller resumed
        Trades.PendingCommands.ShouldBe(0);
    }

    [Fact]
    public async Task Responses_are_correlated_by_request_id_whatever_their_order()
    {
        var connection = await ConnectAsync();
        var first = Trades.OpenOrderAsync(Order("req-1", "EURUSD_otc", 1m));
        var second = Trades.OpenOrderAsync(Order("req-2", "EURUSD_otc", 1m));
        await connection.NextSentAsync();
        await connection.NextSentAsync();

        PushOpened(connection, "someone-else", "deal-x");
        PushOpened(connection, "req-2", "deal-2");
        PushOpened(connection, "req-1", "deal-1");

        (await second).Deal.Id.ShouldBe("deal-2");
        (await first).Deal.Id.ShouldBe("deal-1");
        _state.OpenedDeals.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_failure_without_request_id_fails_the_oldest_pending_order_on_the_same_asset_and_amount_only()
    {
        var connection = await ConnectAsync();
        var other = Trades.OpenOrderAsync(Order("req-0", "EURUSD_otc", 2m));
        var oldest = Trades.OpenOrderAsync(Order("req-1", "EURUSD_otc", 1m));
        var newer = Trades.OpenOrderAsync(Order("req-2", "EURUSD_otc", 1m));
        for (var i = 0; i < 3; i++)
        {
            await connection.NextSentAsync();
        }

        connection.PushText("42" + """["failopenOrder",{"error":"Not enough money","amount":1,"asset":"EURUSD_otc"}]""");

        var rejected = await Should.ThrowAsync<CommandRejectedException>(() => oldest);
        rejected.Reason.ShouldBe("Not enough money");
        rejected.Command.ShouldBe("OpenOrder");
        rejected.Message.ShouldContain("was not retried");
        Trades.PendingCommands.ShouldBe(2);
        newer.IsCompleted.ShouldBeFalse();
        other.IsCompleted.ShouldBeFalse();

        PushOpened(connection, "req-2", "deal-2");
        (await newer).Deal.Id.ShouldBe("deal-2");
        connection.Sent.Count.ShouldBe(3); // nothing was re-sent
    }

    [Fact]
    public async Task A_send_completes_once_on_the_wire_and_a_stream_reaches_its_subscribers()
    {
        var connection = await ConnectAsync();
        await using var ticks = Trades.SubscribeTicks(new SubscriptionOptions { Capacity = 8 });

        await Trades.ChangeSymbolAsync(new ChangeSymbol { Asset = "EURUSD_otc", Period = 60 });
        connection.Sent.Single().Text.ShouldBe("""42["changeSymbol",{"asset":"EURUSD_otc","period":60}]""");

        connection.PushText("42" + """["updateStream",[["EURUSD_otc",1751882400.5,1.08321]]]""");
        await using var reader = ticks.GetAsyncEnumerator();
        (await reader.MoveNextAsync()).ShouldBeTrue();
        var tick = reader.Current.Ticks.ShouldHaveSingleItem();
        tick.Symbol.ShouldBe("EURUSD_otc");
        tick.Price.ShouldBe(1.08321m);
    }

    [Fact]
    public async Task A_command_reply_completes_when_its_frame_is_routed_while_10000_ticks_wait_for_a_slow_subscriber()
    {
        var connection = await ConnectAsync();
        await using var slow = Trades.SubscribeTicks(new SubscriptionOptions { Capacity = 16, Policy = SlowConsumerPolicy.Wait });
        var call = Trades.OpenOrderAsync(Order("req-1", "EURUSD_otc", 1m));
        await connection.NextSentAsync();

        // Nobody reads the subscription: its buffer and its pump's queue fill up, and only this subscriber pays.
        for (var i = 0; i < 10_000; i++)
        {
            connection.PushText("42" + Tick);
        }

        PushOpened(connection, "req-1", "deal-1");
        Trades.PendingCommands.ShouldBe(0); // completed on the receive path, as the frame was routed: not behind the ticks
        (await call.WithSafetyNet()).Deal.Id.ShouldBe("deal-1");
        slow.DroppedCount.ShouldBeGreaterThanOrEqualTo(10_000 - 33);
        slow.IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task An_async_handler_runs_on_the_module_pump_and_its_crash_restarts_the_module_while_replies_still_complete()
    {
        var connection = await ConnectAsync();
        _state.FailNextTick = true;
        connection.PushText("42" + Tick);
        (await _logs.WaitForAsync(e => e.Message.Contains("Module trades crashed", StringComparison.Ordinal))).Level.ShouldBe(Microsoft.Extensions.Logging.LogLevel.Error);

        // While the pump waits to restart, the receive path still completes commands.
        var call = Trades.OpenOrderAsync(Order("req-1", "EURUSD_otc", 1m));
        await connection.NextSentAsync();
        PushOpened(connection, "req-1", "deal-1");
        (await call.WithSafetyNet()).Deal.Id.ShouldBe("deal-1");

        // Ticks pushed meanwhile wait in the module's inbox; the restarted instance handles them.
        _time.Advance(TimeSpan.FromSeconds(60)); // past any restart backoff
        connection.PushText("42" + Tick);
        connection.PushText("42" + Tick);
        (await _state.TickHandled.WaitAsync(SafetyNet.DefaultLimit)).ShouldBeTrue("the restarted module handled no tick");
        (await _state.TickHandled.WaitAsync(SafetyNet.DefaultLimit)).ShouldBeTrue("the restarted module handled one tick of two");
        _client.Modules.Single().Restarts.ShouldBe(1);
        Volatile.Read(ref _state.TicksHandled).ShouldBe(2);
    }

    [Fact]
    public async Task An_unreadable_response_is_logged_without_its_contents_and_the_module_keeps_serving()
    {
        var connection = await ConnectAsync();
        var call = Trades.OpenOrderAsync(Order("req-1", "EURUSD_otc", 1m));
        await connection.NextSentAsync();

        connection.PushText("42" + """["successopenOrder",{"id":"secret-token","requestId":"req-1","amount":"lots"}]""");
        var warning = await _logs.WaitForAsync(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("'successopenOrder'", StringComparison.Ordinal));
        warning.Message.ShouldContain("Module trades dropped");
        warning.Message.ShouldNotContain("secret-token");
        call.IsCompleted.ShouldBeFalse();

        // Repeats are logged on the 1st, 2nd, 4th, 8th… only: 8 unreadable messages in all give four lines, not eight.
        for (var i = 0; i < 7; i++)
        {
            connection.PushText("42" + """["failopenOrder",{"error":"x"}]""");
        }

        (await _logs.WaitForAsync(e => e.Message.Contains("(8 unreadable so far)", StringComparison.Ordinal))).Level.ShouldBe(Microsoft.Extensions.Logging.LogLevel.Warning);
        _logs.All.Count(e => e.Message.Contains("unreadable so far", StringComparison.Ordinal)).ShouldBe(4);

        PushOpened(connection, "req-1", "deal-1");
        (await call).Deal.Id.ShouldBe("deal-1");
        _client.Modules.Single().Restarts.ShouldBe(0);
    }

    [Fact]
    public async Task A_frame_with_a_lone_surrogate_is_counted_unreadable_and_the_module_keeps_serving()
    {
        var connection = await ConnectAsync();
        await using var ticks = Trades.SubscribeTicks(new SubscriptionOptions { Capacity = 8 });
        var call = Trades.OpenOrderAsync(Order("req-1", "EURUSD_otc", 1m));
        await connection.NextSentAsync();

        // Issue #8: a JavaScript server that cut an emoji in half sends "\ud83d"; reading it used to throw and crash the module.
        var cut = MessageRoundTripTests.DealJson.Replace("\"requestId\":12345", "\"requestId\":\"req-1\\ud83d\"", StringComparison.Ordinal);
        connection.PushText("42" + "[\"successopenOrder\"," + cut + "]");
        connection.PushText("42" + """["updateStream",[["EURUSD\ud83d",1751882400.5,1.08321]]]""");
        (await _logs.WaitForAsync(e => e.Message.Contains("(2 unreadable so far)", StringComparison.Ordinal))).Message.ShouldContain("'updateStream'");
        call.IsCompleted.ShouldBeFalse();

        connection.PushText("42" + """["updateStream",[["EURUSD_otc",1751882400.5,1.08321]]]""");
        await using var reader = ticks.GetAsyncEnumerator();
        (await reader.MoveNextAsync()).ShouldBeTrue();
        reader.Current.Ticks.ShouldHaveSingleItem().Symbol.ShouldBe("EURUSD_otc"); // the cut tick never reached the stream
        PushOpened(connection, "req-1", "deal-1");
        (await call).Deal.Id.ShouldBe("deal-1");
        _client.Modules.Single().Restarts.ShouldBe(0);
        _logs.All.ShouldNotContain(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task Commands_fail_fast_when_not_ready_and_time_out_on_the_fake_clock()
    {
        var early = await Should.ThrowAsync<NotReadyException>(() => Trades.OpenOrderAsync(Order("req-0", "EURUSD_otc", 1m)));
        early.Message.ShouldContain("OpenOrder");

        var connection = await ConnectAsync();
        var call = Trades.OpenOrderAsync(Order("req-1", "EURUSD_otc", 1m), TimeSpan.FromSeconds(5));
        await connection.NextSentAsync();
        _time.Advance(TimeSpan.FromMilliseconds(4_999));
        call.IsCompleted.ShouldBeFalse();
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var timeout = await Should.ThrowAsync<CommandTimeoutException>(() => call);
        timeout.Command.ShouldBe("OpenOrder");
        // One catch covers every named toolkit timeout: command timeouts are operation timeouts, and both are TimeoutExceptions.
        timeout.ShouldBeAssignableTo<Protocol.OperationTimeoutException>()!.Operation.ShouldBe("OpenOrder");
        timeout.ShouldBeAssignableTo<TimeoutException>();
        Trades.PendingCommands.ShouldBe(0);

        // A late answer completes nothing and breaks nothing.
        PushOpened(connection, "req-1", "deal-late");
        var next = Trades.OpenOrderAsync(Order("req-2", "EURUSD_otc", 1m));
        await connection.NextSentAsync();
        PushOpened(connection, "req-2", "deal-2");
        (await next).Deal.Id.ShouldBe("deal-2");
    }

    [Fact]
    public async Task An_order_in_flight_fails_when_the_connection_drops_and_is_never_resent()
    {
        var connection = await ConnectAsync();
        var call = Trades.OpenOrderAsync(Order("req-1", "EURUSD_otc", 1m), TimeSpan.FromMinutes(10));
        await connection.NextSentAsync();

        connection.Drop();
        await Should.ThrowAsync<ConnectionLostException>(() => call);
        _time.Advance((await _states.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await _transport.NextConnectionAsync();
        await _states.NextAsync(ConnectionState.Ready);

        await Trades.ChangeSymbolAsync(new ChangeSymbol { Asset = "EURUSD_otc", Period = 60 });
        second.Sent.Single().Text.ShouldStartWith("42[\"changeSymbol\""); // the only frame on the new connection
    }

    [Fact]
    public async Task The_client_sends_a_generated_message_directly_as_its_whole_envelope()
    {
        var connection = await ConnectAsync();
        await _client.SendAsync(new Subfor { Asset = "EURUSD_otc" });
        await _client.SendAsync(new KeepAlive());
        connection.Sent.Select(m => m.Text).ShouldBe(["""42["subfor","EURUSD_otc"]""", """42["ps"]"""]);
    }

    private const string Tick = """["updateStream",[["EURUSD_otc",1751882400.5,1.08321]]]""";

    private static OpenOrder Order(string requestId, string asset, decimal amount) =>
        new() { Asset = asset, Action = OrderAction.Call, Amount = amount, IsDemo = 1, RequestId = requestId, Time = 60 };

    private static void PushOpened(FakeConnection connection, string requestId, string dealId)
    {
        var deal = MessageRoundTripTests.DealJson
            .Replace("\"requestId\":12345", $"\"requestId\":\"{requestId}\"", StringComparison.Ordinal)
            .Replace("0b4b2a7e-1c1e-4a8f-9a55-3c1f5e8e0e11", dealId, StringComparison.Ordinal);
        connection.PushText("42" + "[\"successopenOrder\"," + deal + "]");
    }

    private async Task<FakeConnection> ConnectAsync()
    {
        await _client.ConnectAsync();
        var connection = await _transport.NextConnectionAsync();
        await _states.NextAsync(ConnectionState.Ready);
        return connection;
    }
}
