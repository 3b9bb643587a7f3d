using Protocol.PocketOption.Account;
using Protocol.PocketOption.Trading.Orders;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Trading.Trades;

namespace Protocol.PocketOption.Tests.EndToEnd;

// Trading through the facade against the simulator on one fake clock: the feed's prices are scripted at the open and the close
// instants, so each trade's outcome, profit and the balance after it are known.
public sealed class SimulatorTradingTests
{
    private const string Asset = "EURUSD_otc"; // payout 92 %, expiries from 5 s
    private static readonly TimeSpan Net = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, 200, TimeSpan.Zero);

    [Theory]
    [InlineData(TradeDirection.Buy, 1.08000, 1.08100, TradeOutcome.Win, 9.20, 50_009.20)]
    [InlineData(TradeDirection.Sell, 1.08000, 1.08100, TradeOutcome.Loss, -10, 49_990)]
    [InlineData(TradeDirection.Buy, 1.08000, 1.08000, TradeOutcome.Draw, 0, 50_000)]
    public async Task A_trade_settles_with_the_scripted_outcome_and_the_balance_follows(
        TradeDirection direction, double open, double close, TradeOutcome outcome, double profit, double balanceAfter)
    {
        await using var h = await SimulatorHarness.StartAsync(Start);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        (await h.Client.GetAssetsAsync().WithSafetyNet(Net)).ContainsKey(Asset).ShouldBeTrue();
        await h.SyncAsync();
        var now = h.Clock.GetUtcNow();
        h.Simulator.Feed.Script(Asset, now, (decimal)open);
        h.Simulator.Feed.Script(Asset, now + Expiry, (decimal)close);
        await using var balances = h.Client.Client.GetApi<AccountApi>().SubscribeBalance().GetAsyncEnumerator();

        var deal = direction == TradeDirection.Buy
            ? await h.Client.BuyAsync(Asset, 10m, Expiry).WithSafetyNet(Net)
            : await h.Client.SellAsync(Asset, 10m, Expiry).WithSafetyNet(Net);
        deal.Asset.ShouldBe(Asset);
        deal.Amount.ShouldBe(10m);
        deal.OpenPrice.ShouldBe((decimal)open);
        h.Client.Deals.TryGetOpened(deal.Id, out _).ShouldBeTrue();
        await SimulatorHarness.ReadBalanceUntilAsync(balances, 49_990m); // the stake is debited at open

        var result = h.Client.CheckResultAsync(deal.Id);
        h.Advance(Expiry, TimeSpan.FromMilliseconds(500));

        (await result.WithSafetyNet(Net)).ShouldBe(new TradeResult(outcome, (decimal)profit));
        h.Client.Deals.TryGetClosed(deal.Id, out var closed).ShouldBeTrue();
        closed.ClosePrice.ShouldBe((decimal)close);
        (await balances.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
        balances.Current.Balance.ShouldBe((decimal)balanceAfter, "the settlement's balance is the next one the server sends");
        h.Sent.CountEvent("openOrder").ShouldBe(1);
    }

    [Fact]
    public async Task An_order_over_the_balance_is_rejected_with_the_servers_reason()
    {
        await using var h = await SimulatorHarness.StartAsync(Start, s => s.Options.DemoBalance = 20m);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await h.Client.GetAssetsAsync().WithSafetyNet(Net);

        var error = await Should.ThrowAsync<OrderRejectedException>(h.Client.BuyAsync(Asset, 50m, Expiry).WithSafetyNet(Net));

        error.Reason.ShouldContain("balance");
        error.Amount.ShouldBe(50m);
        error.Asset.ShouldBe(Asset);
        h.Client.Deals.Opened.ShouldBeEmpty();
        (await h.Client.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(20m);
        h.Sent.CountEvent("openOrder").ShouldBe(1);
    }

    [Fact]
    public async Task A_deal_that_closes_while_the_connection_is_down_is_resolved_after_the_relogin_and_sent_once()
    {
        // A reconnect delay (8 s or more with jitter) longer than the trade, so the deal surely settles while the client is away.
        await using var h = await SimulatorHarness.StartAsync(Start, configureClient: o => o.Reconnect.Base = TimeSpan.FromSeconds(10));
        var states = new StateRecorder<PocketOptionState>(h.Client.Client);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await h.Client.GetAssetsAsync().WithSafetyNet(Net);
        await h.SyncAsync();
        var now = h.Clock.GetUtcNow();
        h.Simulator.Feed.Script(Asset, now, 1.08000m);
        h.Simulator.Feed.Script(Asset, now + Expiry, 1.08100m);
        var deal = await h.Client.BuyAsync(Asset, 10m, Expiry).WithSafetyNet(Net);

        // The server closes the connection. (AbortAll can fail here: SocketIOServerSession.Abort races the session end and cancels a disposed token source.)
        await h.Simulator.DisconnectAllAsync(closeSession: true).WithSafetyNet(Net);
        var reconnecting = await states.NextAsync(ConnectionState.Reconnecting, Net);
        var result = h.Client.CheckResultAsync(deal.Id);
        await using var balances = h.Client.WatchBalanceAsync().GetAsyncEnumerator();
        var firstBalance = balances.MoveNextAsync().AsTask();

        reconnecting.Delay.ShouldBeGreaterThan(Expiry);
        h.Clock.Advance(Expiry);
        h.Simulator.OpenOrderCount.ShouldBe(0, "the deal settled on the server");
        h.Client.ConnectionState.ShouldBe(ConnectionState.Reconnecting, "while the client was away");
        result.IsCompleted.ShouldBeFalse();
        h.Clock.Advance(reconnecting.Delay - Expiry);
        await states.NextAsync(ConnectionState.Ready, Net);

        (await result.WithSafetyNet(Net)).ShouldBe(new TradeResult(TradeOutcome.Win, 9.20m));
        (await firstBalance.WithSafetyNet(Net)).ShouldBeTrue();
        balances.Current.ShouldBe(50_009.20m, "the re-login's balance includes the settlement");
        h.Sent.CountEvent("openOrder").ShouldBe(1, "an order is never re-sent after a reconnect");
    }

    [Fact]
    public async Task Pending_orders_are_placed_cancelled_one_and_many_and_one_that_triggers_joins_the_deals()
    {
        await using var h = await SimulatorHarness.StartAsync(Start);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await h.Client.GetAssetsAsync().WithSafetyNet(Net);
        var opened = new TaskCompletionSource<Protocol.PocketOption.Wire.Trading.Deal>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.Deals.DealOpened += (_, e) => opened.TrySetResult(e.Deal);
        var noon = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        Protocol.PocketOption.Wire.Trading.OpenPendingOrder ByTime(int seconds) => new()
        {
            OpenType = 0,
            Amount = 10m,
            Asset = Asset,
            OpenTime = noon.AddSeconds(seconds).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            Timeframe = 60,
            MinPayout = 80,
            Command = Protocol.PocketOption.Wire.Trading.OrderAction.Call,
        };

        var first = await h.Client.OpenPendingOrderAsync(ByTime(30)).WithSafetyNet(Net);
        var second = await h.Client.OpenPendingOrderAsync(ByTime(40)).WithSafetyNet(Net);
        var third = await h.Client.OpenPendingOrderAsync(ByTime(10)).WithSafetyNet(Net);
        h.Simulator.PendingOrderCount.ShouldBe(3);
        new[] { first.Ticket, second.Ticket, third.Ticket }.Distinct().Count().ShouldBe(3);

        await h.Client.CancelPendingOrderAsync(first.Ticket!).WithSafetyNet(Net);
        h.Simulator.PendingOrderCount.ShouldBe(2);
        (await h.Client.CancelPendingOrdersAsync([second.Ticket!]).WithSafetyNet(Net)).ShouldBe([second.Ticket!]);
        h.Simulator.PendingOrderCount.ShouldBe(1);

        h.Advance(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        var deal = await opened.Task.WithSafetyNet(Net);
        (deal.Asset, deal.Amount, deal.Command).ShouldBe((Asset, 10m, Protocol.PocketOption.Wire.Trading.OrderAction.Call));
        h.Simulator.PendingOrderCount.ShouldBe(0);
        h.Sent.CountEvent("openOrder").ShouldBe(0, "a pending order opens on the server, the client sends no order of its own");
    }
}
