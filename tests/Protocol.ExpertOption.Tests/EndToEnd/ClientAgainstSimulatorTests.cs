using Protocol.Testing;
using Protocol.Trading.Candles;
using Protocol.Trading.Capabilities;
using Protocol.Trading.Market;
using Protocol.Trading.Trades;

namespace Protocol.ExpertOption.Tests.EndToEnd;

public sealed class ClientAgainstSimulatorTests
{
    [Fact]
    public async Task A_valid_token_logs_in_and_reads_the_demo_balance()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.DemoBalance = 2_500.50m);
        var client = await fx.ConnectedClientAsync();
        client.ConnectionState.ShouldBe(ConnectionState.Ready);
        (await client.GetBalanceAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(2_500.50m);
        client.State.DemoBalance.ShouldBe(2_500.50m);
    }

    [Fact]
    public async Task A_bad_token_is_refused_at_once_and_for_good_without_the_token_in_the_message()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        const string unknown = "ffffffffffffffffffffffffffffffff";
        var client = fx.Client(unknown);
        var error = await Should.ThrowAsync<LoginRejectedException>(client.ConnectAsync().WithSafetyNet(SafetyNet.NetworkLimit));
        error.Message.ShouldContain("ERROR_INCORRECT_TOKEN");
        error.Message.ShouldNotContain(unknown);
        client.ToString().ShouldNotContain(unknown);
    }

    [Fact]
    public void A_malformed_token_is_refused_before_connecting_without_being_echoed()
    {
        const string pasted = "not-a-token-but-still-a-secret!!";
        var error = Should.Throw<ArgumentException>(() => ExpertOptionClient.Create(pasted));
        error.Message.ShouldContain("32 hexadecimal characters");
        error.Message.ShouldNotContain(pasted);
    }

    [Fact]
    public async Task The_token_never_appears_in_the_clients_text()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var client = await fx.ConnectedClientAsync();
        client.ToString().ShouldBe("ExpertOptionClient (demo, Ready)");
        client.State.ToString()!.ShouldNotContain(SimulatorFixture.Token);
    }

    [Fact]
    public async Task Assets_come_with_payouts_and_the_expiries_their_step_allows()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var client = await fx.ConnectedClientAsync();
        var assets = await client.GetAssetsAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        assets.Select(a => a.Id).ShouldBe([142, 245, 160]);
        var eurusd = assets[0];
        (eurusd.Info.Symbol, eurusd.Info.Payout, eurusd.Info.Kind, eurusd.Info.IsOtc).ShouldBe(("EURUSD", 85, AssetKind.Currency, false));
        eurusd.Info.AllowedExpiries.ShouldBe([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(150)]);
        assets[1].Info.IsOtc.ShouldBeTrue();
        (eurusd.MinAmount, eurusd.MaxAmount).ShouldBe((1m, 1000m));
        (eurusd.Info.Id, eurusd.Info.MinAmount, eurusd.Info.MaxAmount).ShouldBe(("142", (decimal?)1m, (decimal?)1000m));
        assets[1].Info.Id.ShouldBe("245", "the same symbol under another id stays apart");
    }

    [Fact]
    public async Task The_servers_ping_gets_a_pong_that_echoes_its_timestamp()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        await fx.ConnectedClientAsync();
        fx.Simulator.MatchingPongs.ShouldBe(0);
        fx.Clock.Advance(TimeSpan.FromSeconds(10));
        await fx.Simulator.FirstMatchingPong.WithSafetyNet(SafetyNet.NetworkLimit);
        fx.Simulator.MatchingPongs.ShouldBe(1);
    }

    [Theory]
    [InlineData(TradeDirection.Buy, 1.09, TradeOutcome.Win, 8.5)]
    [InlineData(TradeDirection.Buy, 1.07, TradeOutcome.Loss, -10)]
    [InlineData(TradeDirection.Sell, 1.07, TradeOutcome.Win, 8.5)]
    [InlineData(TradeDirection.Sell, 1.08, TradeOutcome.Draw, 0)]
    public async Task A_trade_settles_by_the_price_at_expiry(TradeDirection direction, double closePrice, TradeOutcome outcome, double profit)
    {
        // The open and the close price are scripted on the feed; the pushes are off.
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromDays(1));
        var client = await fx.ConnectedClientAsync();
        fx.Simulator.Feed.Script(142, fx.Clock.GetUtcNow(), 1.08m);
        var trade = direction == TradeDirection.Buy
            ? await client.BuyAsync(142, 10, TimeSpan.FromSeconds(60)).WithSafetyNet(SafetyNet.NetworkLimit)
            : await client.SellAsync(142, 10, TimeSpan.FromSeconds(60)).WithSafetyNet(SafetyNet.NetworkLimit);
        (trade.AssetId, trade.Direction, trade.Amount, trade.ExpiresAt - trade.OpenedAt).ShouldBe((142, direction, 10m, TimeSpan.FromSeconds(60)));
        var result = client.CheckResultAsync(trade);
        fx.Simulator.Feed.Script(142, trade.ExpiresAt, (decimal)closePrice);
        fx.Clock.Advance(TimeSpan.FromSeconds(60));
        (await result.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(new TradeResult(outcome, (decimal)profit));
        (await client.GetBalanceAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(10_000m + (decimal)profit);
    }

    [Fact]
    public async Task A_result_already_in_is_returned_without_waiting()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => { o.TickInterval = TimeSpan.FromDays(1); o.ClosePush = "optionFinished"; });
        var client = await fx.ConnectedClientAsync();
        fx.Simulator.Feed.Script(142, fx.Clock.GetUtcNow(), 1.08m);
        var trade = await client.BuyAsync(142, 10, TimeSpan.FromSeconds(30)).WithSafetyNet(SafetyNet.NetworkLimit);
        fx.Simulator.Feed.Script(142, trade.ExpiresAt, 1.081m);
        var first = client.CheckResultAsync(trade);
        fx.Clock.Advance(TimeSpan.FromSeconds(30));
        (await first.WithSafetyNet(SafetyNet.NetworkLimit)).Outcome.ShouldBe(TradeOutcome.Win);
        (await client.CheckResultAsync(trade).WithSafetyNet(SafetyNet.NetworkLimit)).Outcome.ShouldBe(TradeOutcome.Win);
    }

    [Fact]
    public async Task An_invalid_expiry_is_refused_with_the_servers_code_and_nothing_is_debited()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var client = await fx.ConnectedClientAsync();
        var error = await Should.ThrowAsync<CommandRejectedException>(client.BuyAsync(142, 10, TimeSpan.FromSeconds(45)).WithSafetyNet(SafetyNet.NetworkLimit));
        error.Reason.ShouldBe("ERROR_EXPIRATION_INVALID");
        (await client.GetBalanceAsync().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(10_000m);
    }

    [Fact]
    public async Task No_result_by_expiry_plus_grace_times_out_on_the_clock()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromDays(1));
        var client = await fx.ConnectedClientAsync();
        var never = new ExpertOptionTrade(42, 142, TradeDirection.Buy, 10, fx.Clock.GetUtcNow(), fx.Clock.GetUtcNow().AddSeconds(30), 85);
        var result = client.CheckResultAsync(never);
        fx.Clock.Advance(TimeSpan.FromSeconds(41));
        await Should.ThrowAsync<InboundWaitTimeoutException>(result.WithSafetyNet(SafetyNet.NetworkLimit));
    }

    [Fact]
    public async Task Ticks_of_the_subscribed_asset_become_candles()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromSeconds(1));
        var client = await fx.ConnectedClientAsync();
        await using var candles = client.SubscribeAsync(142, SubscriptionMode.Chunk(2)).GetAsyncEnumerator();
        var next = candles.MoveNextAsync().AsTask();
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);
        var subscribedAt = fx.Clock.GetUtcNow();
        fx.Clock.Advance(TimeSpan.FromSeconds(1));

        // One push carries the two 500 ms ticks since the subscription: exactly the feed's.
        (await next.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        var candle = candles.Current;
        var prices = fx.Simulator.Feed.Ticks(142, subscribedAt.AddMilliseconds(500), subscribedAt.AddSeconds(1.5)).Select(t => t.Price).ToList();
        prices.Count.ShouldBe(2);
        (candle.Open, candle.Close, candle.High, candle.Low).ShouldBe((prices[0], prices[1], Math.Max(prices[0], prices[1]), Math.Min(prices[0], prices[1])));
        candle.Time.ShouldBe(new DateTimeOffset(2026, 1, 5, 10, 0, 0, 500, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_buy_whose_answer_is_empty_is_identified_by_its_opening_push()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => { o.TickInterval = TimeSpan.FromDays(1); o.BuyReplyCarriesTradeId = false; });
        var client = await fx.ConnectedClientAsync();
        fx.Simulator.Feed.Script(142, fx.Clock.GetUtcNow(), 1.08m);
        var trade = await client.BuyAsync(142, 10, TimeSpan.FromSeconds(30)).WithSafetyNet(SafetyNet.NetworkLimit);
        trade.Id.ShouldBeGreaterThan(2_300_000_000);
        trade.Payout.ShouldBe(85);
        var result = client.CheckResultAsync(trade);
        fx.Simulator.Feed.Script(142, trade.ExpiresAt, 1.07m);
        fx.Clock.Advance(TimeSpan.FromSeconds(30));
        (await result.WithSafetyNet(SafetyNet.NetworkLimit)).Outcome.ShouldBe(TradeOutcome.Loss);
    }

    [Fact]
    public async Task History_gives_consecutive_bars_of_the_timeframe_over_the_window()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var client = await fx.ConnectedClientAsync();
        var to = fx.Clock.GetUtcNow();
        var candles = await client.GetCandlesAsync(160, TimeSpan.FromSeconds(5), to.AddMinutes(-1), to).WithSafetyNet(SafetyNet.NetworkLimit);
        candles.Count.ShouldBe(12);
        candles.Select(c => c.Time).ShouldBe(Enumerable.Range(0, 12).Select(i => to.AddMinutes(-1).AddSeconds(5 * i)));
        candles.ShouldAllBe(c => c.High >= Math.Max(c.Open, c.Close) && c.Low <= Math.Min(c.Open, c.Close));
        candles.Select(c => (c.Open, c.High, c.Low, c.Close)).ShouldBe(candles.Select(c => fx.Simulator.Feed.CandleAt(160, c.Time, TimeSpan.FromSeconds(5))).Select(c => (c.Open, c.High, c.Low, c.Close)));
        (await client.GetCandlesAsync(160, TimeSpan.FromSeconds(5), to.AddMinutes(-1), to).WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(candles);
    }

    [Fact]
    public async Task A_history_request_the_server_refuses_fails_with_its_code()
    {
        await using var fx = await SimulatorFixture.StartAsync();
        var client = await fx.ConnectedClientAsync();
        var to = fx.Clock.GetUtcNow();
        var error = await Should.ThrowAsync<CommandRejectedException>(client.GetCandlesAsync(999, TimeSpan.FromSeconds(5), to.AddMinutes(-1), to).WithSafetyNet(SafetyNet.NetworkLimit));
        error.Reason.ShouldBe("ERROR_INCORRECT_DATA");
    }

    [Fact]
    public async Task A_candle_stream_goes_on_after_the_server_closes_the_session()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromSeconds(1));
        var client = await fx.ConnectedClientAsync();
        await using var candles = client.SubscribeAsync(142, SubscriptionMode.None).GetAsyncEnumerator();
        var first = candles.MoveNextAsync().AsTask();
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);
        fx.Clock.Advance(TimeSpan.FromSeconds(1));
        (await first.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();

        await fx.ReconnectAsync(client);
        await fx.Simulator.WhenSubscribedAgain(142).WithSafetyNet(SafetyNet.NetworkLimit);
        fx.Simulator.SubscribeCount(142).ShouldBe(2);

        // The replay is built from the state as it is after the new login, not replayed as first sent: the simulator accepted it
        // (a valid token on the logged-in new session) and it takes a number after the new setContext's, never an old one.
        var accepted = fx.Simulator.AcceptedRequests;
        var secondLogin = accepted.Select((r, i) => (r, i)).Where(x => x.r.Action == "setContext").Skip(1).First();
        var replay = accepted.Skip(secondLogin.i + 1).First(r => r.Action == "subscribeCandles");
        replay.Ns.ShouldBeGreaterThan(secondLogin.r.Ns);
        replay.Ns.ShouldBeGreaterThan(accepted.Take(secondLogin.i).Max(r => r.Ns), "a number the first session never used");
        var next = candles.MoveNextAsync().AsTask();
        fx.Clock.Advance(TimeSpan.FromSeconds(1));
        (await next.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        candles.Current.Close.ShouldBe(fx.Simulator.Feed.PriceAt(142, candles.Current.Time), "the ticks after the reconnect are the feed's");
    }

    [Fact]
    public async Task The_token_never_reaches_the_logs_of_a_refused_or_an_accepted_session()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromDays(1));
        const string unknown = "ffffffffffffffffffffffffffffffff";
        await Should.ThrowAsync<LoginRejectedException>(fx.Client(unknown).ConnectAsync().WithSafetyNet(SafetyNet.NetworkLimit));
        var client = await fx.ConnectedClientAsync();
        await client.GetBalanceAsync().WithSafetyNet(SafetyNet.NetworkLimit);
        await Should.ThrowAsync<CommandRejectedException>(client.BuyAsync(142, 10, TimeSpan.FromSeconds(45)).WithSafetyNet(SafetyNet.NetworkLimit));
        fx.Logs.All.ShouldNotBeEmpty();
        fx.Logs.All.ShouldAllBe(e => !e.Message.Contains(unknown) && !e.Message.Contains(SimulatorFixture.Token)
            && (e.Exception == null || !e.Exception.ToString().Contains(unknown)));
    }

    [Fact]
    public async Task Watching_balances_through_the_neutral_interface_fails_at_the_call_not_at_the_first_read()
    {
        // ExpertOption's side of the WatchBalanceAsync fix (#11): nothing is deferred to the first MoveNextAsync.
        await using var client = ExpertOptionClient.Create(SimulatorFixture.Token);
        var error = Should.Throw<NotSupportedByPlatformException>(() => ((Protocol.Trading.Clients.ITradingClient)client).WatchBalanceAsync());
        (error.Platform, error.Capability).ShouldBe(("ExpertOption", TradingOperation.BalanceUpdates));
        error.Reason.ShouldBe(client.Capabilities.Unsupported[TradingOperation.BalanceUpdates]);
    }

    [Fact]
    public async Task The_capability_description_names_what_is_not_supported()
    {
        await using var client = ExpertOptionClient.Create(SimulatorFixture.Token);
        client.Capabilities.Platform.ShouldBe("ExpertOption");
        client.Capabilities.Unsupported.Keys.ShouldBe([TradingOperation.BalanceUpdates]);
        client.Capabilities.Unsupported[TradingOperation.BalanceUpdates].ShouldContain("profile request");
        client.Capabilities.Limitations.Keys.ShouldBe(["close early", "draw result code", "unsubscribe candles"], ignoreOrder: true);
        client.Capabilities.Limitations["close early"].ShouldContain("cancelOption");
        client.Capabilities.Supported.ShouldContain(TradingOperation.Buy);
        client.Capabilities.Supported.ShouldContain(TradingOperation.CandleHistory);
        (client.Capabilities.MinAmount, client.Capabilities.MaxAmount).ShouldBe((null, null), "stake limits are per asset");
    }
}
