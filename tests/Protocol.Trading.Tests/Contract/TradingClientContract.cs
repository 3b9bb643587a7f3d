using Protocol.Testing;
using Protocol.Trading.Candles;
using Protocol.Trading.Capabilities;
using Protocol.Trading.Clients;
using Protocol.Trading.Market;
using Protocol.Trading.Trades;

namespace Protocol.Trading.Tests.Contract;

/// <summary>
/// The contract every <see cref="ITradingClient"/> keeps, written once against the interface and run on each platform's simulator
/// (one subclass per platform). Every operation the platform's description supports must work — a failure is a failure, never a
/// skip — and every operation it declares unsupported must throw <see cref="NotSupportedByPlatformException"/> naming it.
/// </summary>
public abstract class TradingClientContract
{
    private const decimal Stake = 10m;
    private const decimal Move = 0.001m;
    private static readonly TimeSpan Net = PlatformFixture.Net;

    /// <summary>Starts the platform's simulator and creates its client (not connected).</summary>
    /// <param name="movingPrices">Whether prices move on their own (candle tests) or stay as the test sets them (settlement tests).</param>
    /// <returns>The platform.</returns>
    protected abstract Task<PlatformFixture> StartAsync(bool movingPrices = true);

    public static TheoryData<TradingOperation> Operations => [.. Enum.GetValues<TradingOperation>()];

    public static TheoryData<string> Modes => ["none", "chunk(3)", "time(2s)", "time-aligned(5s)"];

    [Fact]
    public async Task Connecting_makes_the_client_ready()
    {
        await using var fx = await StartAsync();
        await fx.Client.ConnectAsync().WithSafetyNet(Net);
        fx.Client.ConnectionState.ShouldBe(ConnectionState.Ready);
    }

    [Fact]
    public async Task The_balance_is_the_simulated_accounts()
    {
        await using var fx = await ConnectedAsync();
        (await fx.Client.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(fx.StartBalance);
    }

    [Fact]
    public async Task Assets_come_with_unique_ids_payouts_and_expiries()
    {
        await using var fx = await ConnectedAsync();
        var assets = await fx.Client.GetAssetsAsync().WithSafetyNet(Net);
        assets.Select(a => a.Id).ShouldBeUnique();
        assets.ShouldAllBe(a => a.Payout > 0 && a.Payout <= 1000);
        assets.Where(a => a.IsActive).ShouldAllBe(a => a.AllowedExpiries.Count > 0);
        var traded = assets.Single(a => a.Id == fx.TradeAssetId);
        traded.IsActive.ShouldBeTrue();
        assets.ShouldNotContain(a => a.Id == fx.UnknownAssetId);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_candle_stream_builds_its_candles_from_the_simulators_ticks(string name)
    {
        var mode = ModeNamed(name);
        await using var fx = await ConnectedAsync();
        if (!fx.Client.Capabilities.Supports(mode))
        {
            Should.Throw<NotSupportedByPlatformException>(() => fx.Client.SubscribeAsync(fx.TradeAssetId, mode)).Capability.ShouldBe(TradingOperation.CandleStream);
            return;
        }

        await using var candles = fx.Client.SubscribeAsync(fx.TradeAssetId, mode).GetAsyncEnumerator();
        var first = candles.MoveNextAsync().AsTask();
        await fx.WhenStreamingAsync(fx.TradeAssetId);

        // The ticks as the simulator emitted them, one per step, until they make three candles by the mode's own rules. A
        // round trip after each step keeps the client's reading in step with the clock, as time passes for a real client:
        // without it the loop moves the clock many seconds within a few real milliseconds, and on a loaded machine any
        // timeout of the client or the simulator could fire before the bytes sent "earlier" were read.
        var expected = new List<Candle>();
        var aggregator = new CandleAggregator(mode);
        for (var step = 0; expected.Count < 3 && step < 200; step++)
        {
            fx.Clock.Advance(fx.Step);
            await fx.SyncAsync();
            if (aggregator.TryAdd(fx.LastTick(fx.TradeAssetId), out var candle))
            {
                expected.Add(candle);
            }
        }

        expected.Count.ShouldBe(3);
        var received = new List<Candle>();
        async Task<bool> NextAsync(Task<bool> read)
        {
            try
            {
                return await read.WithSafetyNet(Net);
            }
            catch (SafetyNetTimeoutException timeout)
            {
                throw new ShouldAssertException(
                    $"Candle {received.Count + 1} of {expected.Count} never came. Expected {string.Join(", ", expected)}; received {string.Join(", ", received)}; client: {fx.Transitions}.",
                    timeout);
            }
        }

        (await NextAsync(first)).ShouldBeTrue();
        received.Add(candles.Current);
        while (received.Count < expected.Count)
        {
            (await NextAsync(candles.MoveNextAsync().AsTask())).ShouldBeTrue();
            received.Add(candles.Current);
        }

        received.ShouldBe(expected);
    }

    [Fact]
    public async Task A_candle_stream_subscribes_when_called_and_keeps_a_tick_that_arrives_before_the_first_read()
    {
        await using var fx = await ConnectedAsync();
        var candles = fx.Client.SubscribeAsync(fx.TradeAssetId, SubscriptionMode.None);

        // Nothing has enumerated the stream: the call alone subscribed.
        await fx.WhenStreamingAsync(fx.TradeAssetId);
        fx.Clock.Advance(fx.Step);
        var tick = fx.LastTick(fx.TradeAssetId);
        await fx.SyncAsync();

        await using var reader = candles.GetAsyncEnumerator();
        (await reader.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
        reader.Current.Close.ShouldBe(tick.Price, "the tick handled before the first read is the first candle");
    }

    [Fact]
    public async Task A_candle_stream_created_before_ConnectAsync_delivers_candles_after_it()
    {
        await using var fx = await StartAsync();
        fx.Client.ConnectionState.ShouldBe(ConnectionState.Disconnected);
        await using var candles = fx.Client.SubscribeAsync(fx.TradeAssetId, SubscriptionMode.None).GetAsyncEnumerator();
        var first = candles.MoveNextAsync().AsTask();

        await fx.Client.ConnectAsync().WithSafetyNet(Net);
        await fx.WhenStreamingAsync(fx.TradeAssetId);
        fx.Clock.Advance(fx.Step);

        (await first.WithSafetyNet(Net)).ShouldBeTrue("the stream set up before connecting is subscribed once the client is logged in");
        candles.Current.Close.ShouldBe(fx.LastTick(fx.TradeAssetId).Price);
    }

    [Fact]
    public async Task Disposing_a_candle_stream_during_a_pending_read_ends_the_read_with_false()
    {
        await using var fx = await ConnectedAsync();
        var reader = fx.Client.SubscribeAsync(fx.TradeAssetId, SubscriptionMode.None).GetAsyncEnumerator();
        await fx.WhenStreamingAsync(fx.TradeAssetId);
        var pending = reader.MoveNextAsync().AsTask();

        await reader.DisposeAsync().AsTask().WithSafetyNet(Net);

        (await pending.WithSafetyNet(Net)).ShouldBeFalse();
        (await reader.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeFalse("a disposed stream stays ended");
    }

    [Fact]
    public async Task Cancelling_a_candle_streams_token_ends_a_pending_read_with_OperationCanceledException()
    {
        await using var fx = await ConnectedAsync();
        using var cancel = new CancellationTokenSource();
        await using var reader = fx.Client.SubscribeAsync(fx.TradeAssetId, SubscriptionMode.None, cancel.Token).GetAsyncEnumerator();
        await fx.WhenStreamingAsync(fx.TradeAssetId);
        var pending = reader.MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(pending.WithSafetyNet(Net));
    }

    [Fact]
    public async Task History_counts_back_the_last_completed_candles_from_now()
    {
        await using var fx = await ConnectedAsync();
        var period = TimeSpan.FromSeconds(5);
        var now = fx.Clock.GetUtcNow();
        var candles = await fx.Client.GetCandlesAsync(fx.TradeAssetId, period, 12).WithSafetyNet(Net);
        candles.Count.ShouldBe(12);
        candles.Zip(candles.Skip(1)).ShouldAllBe(p => p.Second.Time - p.First.Time == period);
        (candles[^1].Time + period).ShouldBeLessThanOrEqualTo(now, "only completed candles");
        (candles[^1].Time + (2 * period)).ShouldBeGreaterThan(now, "the latest completed candle is the last");
        candles.ShouldAllBe(c => c.High >= Math.Max(c.Open, c.Close) && c.Low <= Math.Min(c.Open, c.Close) && c.Low > 0);
        (await fx.Client.GetCandlesAsync(fx.TradeAssetId, period, 12).WithSafetyNet(Net)).ShouldBe(candles, "the past does not change");
    }

    [Theory]
    [InlineData(TradeDirection.Buy, 1, TradeOutcome.Win)]
    [InlineData(TradeDirection.Buy, -1, TradeOutcome.Loss)]
    [InlineData(TradeDirection.Sell, -1, TradeOutcome.Win)]
    [InlineData(TradeDirection.Sell, 1, TradeOutcome.Loss)]
    [InlineData(TradeDirection.Buy, 0, TradeOutcome.Draw)]
    [InlineData(TradeDirection.Sell, 0, TradeOutcome.Draw)]
    public async Task A_trade_settles_by_the_simulators_prices_at_open_and_expiry(TradeDirection direction, int move, TradeOutcome outcome)
    {
        await using var fx = await ConnectedAsync(movingPrices: false);
        var asset = await TradeAssetAsync(fx);
        var expiry = asset.AllowedExpiries[0];
        var open = fx.LastTick(asset.Id).Price;
        fx.SetOpenPrice(asset.Id, open);

        var trade = direction == TradeDirection.Buy
            ? await fx.Client.BuyAsync(asset.Id, Stake, expiry).WithSafetyNet(Net)
            : await fx.Client.SellAsync(asset.Id, Stake, expiry).WithSafetyNet(Net);
        (trade.AssetId, trade.Direction, trade.Amount, trade.Duration).ShouldBe((asset.Id, direction, Stake, expiry));
        trade.Platform.ShouldBe(fx.Client.Capabilities.Platform);
        trade.Id.ShouldNotBeNullOrWhiteSpace();

        fx.SetClosePrice(asset.Id, open + (move * Move), trade.ExpiresAt);
        var result = fx.Client.CheckResultAsync(trade);
        await fx.AdvanceAsync(expiry);

        var profit = outcome switch
        {
            TradeOutcome.Win => Math.Round(Stake * asset.Payout / 100m, 2),
            TradeOutcome.Loss => -Stake,
            _ => 0m,
        };
        (await result.WithSafetyNet(Net)).ShouldBe(new TradeResult(outcome, profit));
        (await fx.Client.CheckResultAsync(trade).WithSafetyNet(Net)).ShouldBe(new TradeResult(outcome, profit), "a known result comes back at once");
    }

    [Fact]
    public async Task Orders_outside_the_limits_are_refused_before_anything_is_sent()
    {
        await using var fx = await ConnectedAsync(movingPrices: false);
        var asset = await TradeAssetAsync(fx);
        var (min, max) = fx.Client.Capabilities.AmountLimits(asset);
        min.ShouldNotBeNull("a platform states its smallest stake, globally or per asset");
        max.ShouldNotBeNull("a platform states its largest stake, globally or per asset");
        var expiry = asset.AllowedExpiries[0];
        var notAllowed = expiry + TimeSpan.FromSeconds(1);
        asset.IsExpiryAllowed(notAllowed).ShouldBeFalse();

        await Refused(fx.Client.BuyAsync(asset.Id, min.Value / 2, expiry), TradeCheckProblem.AmountOutOfRange);
        await Refused(fx.Client.SellAsync(asset.Id, max.Value + 1, expiry), TradeCheckProblem.AmountOutOfRange);
        await Refused(fx.Client.BuyAsync(asset.Id, Stake, notAllowed), TradeCheckProblem.ExpiryNotAllowed);
        await Refused(fx.Client.SellAsync(fx.UnknownAssetId, Stake, expiry), TradeCheckProblem.UnknownAsset);
        (await fx.Client.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(fx.StartBalance, "nothing was debited");

        static async Task Refused(Task<OpenedTrade> order, TradeCheckProblem problem)
            => (await Should.ThrowAsync<TradeCheckException>(order.WithSafetyNet(Net))).Problem.ShouldBe(problem);
    }

    [Fact]
    public async Task A_trade_of_another_platform_is_refused()
    {
        await using var fx = await ConnectedAsync(movingPrices: false);
        var foreign = new OpenedTrade("Elsewhere", "1", fx.TradeAssetId, TradeDirection.Buy, Stake, fx.Clock.GetUtcNow(), fx.Clock.GetUtcNow().AddMinutes(1));
        var error = await Should.ThrowAsync<ArgumentException>(() => fx.Client.CheckResultAsync(foreign).WithSafetyNet(Net));
        error.Message.ShouldContain("Elsewhere");
        error.Message.ShouldContain("the client that opened it");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task An_operation_works_exactly_when_the_description_says_it_is_supported(TradingOperation operation)
    {
        await using var fx = await StartAsync();
        var capabilities = fx.Client.Capabilities;
        capabilities.Supported.Contains(operation).ShouldBe(!capabilities.Unsupported.ContainsKey(operation));
        if (operation != TradingOperation.Connect)
        {
            await fx.Client.ConnectAsync().WithSafetyNet(Net);
        }

        if (capabilities.Supports(operation))
        {
            await PerformAsync(fx, operation);
            return;
        }

        var error = await Should.ThrowAsync<NotSupportedByPlatformException>(PerformAsync(fx, operation).WithSafetyNet(Net));
        error.Capability.ShouldBe(operation);
        error.Platform.ShouldBe(capabilities.Platform);
        error.Message.ShouldContain(capabilities.Unsupported[operation]);
        error.ShouldBeAssignableTo<NotSupportedException>();
    }

    [Fact]
    public async Task The_description_is_there_before_connecting_and_gives_a_reason_for_everything_it_leaves_out()
    {
        await using var fx = await StartAsync();
        var capabilities = fx.Client.Capabilities;
        fx.Client.ConnectionState.ShouldBe(ConnectionState.Disconnected);
        capabilities.Platform.ShouldNotBeNullOrWhiteSpace();
        capabilities.Unsupported.Values.ShouldAllBe(reason => !string.IsNullOrWhiteSpace(reason));
        capabilities.Limitations.Values.ShouldAllBe(reason => !string.IsNullOrWhiteSpace(reason));
        capabilities.SubscriptionModes.ShouldNotBeEmpty();
        capabilities.Supported.Count.ShouldBe(Enum.GetValues<TradingOperation>().Length - capabilities.Unsupported.Count);
    }

    // One call of each operation, with its effect checked: a supported operation that fails fails the test.
    private static async Task PerformAsync(PlatformFixture fx, TradingOperation operation)
    {
        var client = fx.Client;
        switch (operation)
        {
            case TradingOperation.Connect:
                await client.ConnectAsync().WithSafetyNet(Net);
                client.ConnectionState.ShouldBe(ConnectionState.Ready);
                break;
            case TradingOperation.Balance:
                (await client.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(fx.StartBalance);
                break;
            case TradingOperation.BalanceUpdates:
                await using (var balances = client.WatchBalanceAsync().GetAsyncEnumerator())
                {
                    var next = balances.MoveNextAsync().AsTask();
                    var asset = await TradeAssetAsync(fx);
                    await client.BuyAsync(asset.Id, Stake, asset.AllowedExpiries[0]).WithSafetyNet(Net);

                    // The login's own balance may still be on its way; the stake's debit is the one that must come.
                    (await next.WithSafetyNet(Net)).ShouldBeTrue();
                    while (balances.Current == fx.StartBalance)
                    {
                        (await balances.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
                    }

                    balances.Current.ShouldBe(fx.StartBalance - Stake, "the stake is debited at open");
                }

                break;
            case TradingOperation.Assets:
                (await client.GetAssetsAsync().WithSafetyNet(Net)).ShouldContain(a => a.Id == fx.TradeAssetId);
                break;
            case TradingOperation.CandleStream:
                await using (var candles = client.SubscribeAsync(fx.TradeAssetId, SubscriptionMode.None).GetAsyncEnumerator())
                {
                    var next = candles.MoveNextAsync().AsTask();
                    await fx.WhenStreamingAsync(fx.TradeAssetId);
                    fx.Clock.Advance(fx.Step);
                    (await next.WithSafetyNet(Net)).ShouldBeTrue();
                    candles.Current.Close.ShouldBe(fx.LastTick(fx.TradeAssetId).Price);
                }

                break;
            case TradingOperation.CandleHistory:
                (await client.GetCandlesAsync(fx.TradeAssetId, TimeSpan.FromMinutes(1), 3).WithSafetyNet(Net)).Count.ShouldBe(3);
                break;
            case TradingOperation.Buy:
            case TradingOperation.Sell:
            {
                var asset = await TradeAssetAsync(fx);
                var trade = operation == TradingOperation.Buy
                    ? await client.BuyAsync(asset.Id, Stake, asset.AllowedExpiries[0]).WithSafetyNet(Net)
                    : await client.SellAsync(asset.Id, Stake, asset.AllowedExpiries[0]).WithSafetyNet(Net);
                trade.Direction.ShouldBe(operation == TradingOperation.Buy ? TradeDirection.Buy : TradeDirection.Sell);
                break;
            }

            case TradingOperation.CheckResult:
            {
                var asset = await TradeAssetAsync(fx);
                var trade = await client.BuyAsync(asset.Id, Stake, asset.AllowedExpiries[0]).WithSafetyNet(Net);
                var result = client.CheckResultAsync(trade);
                await fx.SyncAsync();
                await fx.AdvanceAsync(trade.Duration);
                var settled = await result.WithSafetyNet(Net);
                settled.Profit.ShouldBe(settled.Outcome switch
                {
                    TradeOutcome.Win => Math.Round(Stake * asset.Payout / 100m, 2),
                    TradeOutcome.Loss => -Stake,
                    _ => 0m,
                });
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "The contract has no call for this operation yet: add one.");
        }
    }

    private static async Task<AssetInfo> TradeAssetAsync(PlatformFixture fx)
        => (await fx.Client.GetAssetsAsync().WithSafetyNet(Net)).Single(a => a.Id == fx.TradeAssetId);

    private static SubscriptionMode ModeNamed(string name) => name switch
    {
        "none" => SubscriptionMode.None,
        "chunk(3)" => SubscriptionMode.Chunk(3),
        "time(2s)" => SubscriptionMode.Time(TimeSpan.FromSeconds(2)),
        "time-aligned(5s)" => SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not one of the contract's modes."),
    };

    private async Task<PlatformFixture> ConnectedAsync(bool movingPrices = true)
    {
        var fx = await StartAsync(movingPrices);
        try
        {
            await fx.Client.ConnectAsync().WithSafetyNet(Net);
            return fx;
        }
        catch
        {
            await fx.DisposeAsync();
            throw;
        }
    }
}
