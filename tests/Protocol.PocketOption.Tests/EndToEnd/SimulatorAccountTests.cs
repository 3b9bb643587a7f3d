using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Protocol.PocketOption.Hosting;
using Protocol.PocketOption.Simulator;
using Protocol.PocketOption.Tests.Session;
using Protocol.PocketOption.Wire.Trading;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Time;
using Protocol.Trading.Trades;

namespace Protocol.PocketOption.Tests.EndToEnd;

// Accounts on the simulator: two demo accounts in one process on keyed registrations stay apart, and what the server pushes
// at login (the open deals; pending orders are not listed, [simulator-defined]) reaches the book after a re-login.
public sealed class SimulatorAccountTests
{
    private const string Asset = "EURUSD_otc"; // payout 92 %
    private static readonly TimeSpan Net = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, 200, TimeSpan.Zero);

    [Fact]
    public async Task Two_keyed_accounts_against_one_simulator_keep_their_balances_and_trades_apart()
    {
        var clock = new TimerCountingTimeProvider(Start);
        await using var simulator = await PocketOptionSimulator.StartAsync(new PocketOptionSimulatorOptions { TimeProvider = clock }).WithSafetyNet(Net);
        var otherSsid = SsidSamples.DemoFrame.Replace(SsidSamples.DemoToken, "anotherDemoToken42", StringComparison.Ordinal)
            .Replace(SsidSamples.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), "12345", StringComparison.Ordinal);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddPocketOption("first", o => (o.Ssid, o.Endpoint) = (SsidSamples.DemoFrame, simulator.Endpoint))
            .AddPocketOption("second", o => (o.Ssid, o.Endpoint) = (otherSsid, simulator.Endpoint));
        await using var provider = services.BuildServiceProvider();
        var first = provider.GetRequiredKeyedService<PocketOptionClient>("first");
        var second = provider.GetRequiredKeyedService<PocketOptionClient>("second");
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None).WithSafetyNet(Net);
        }

        await first.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).WithSafetyNet(Net);
        await second.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).WithSafetyNet(Net);
        await first.GetAssetsAsync().WithSafetyNet(Net);
        await second.GetAssetsAsync().WithSafetyNet(Net);
        simulator.Connections.Select(c => c.Uid ?? 0).Order().ToList().ShouldBe(new List<long> { 12345L, SsidSamples.Uid }); // two demo sessions, two accounts

        var now = clock.GetUtcNow();
        simulator.Feed.Script(Asset, now, 1.08000m);
        simulator.Feed.Script(Asset, now.AddSeconds(5), 1.08100m);
        await using var firstBalances = first.WatchBalanceAsync().GetAsyncEnumerator();
        await using var secondBalances = second.WatchBalanceAsync().GetAsyncEnumerator();
        // Both watches start now (WatchBalanceAsync subscribes when called), before either trade; the login's
        // own balance (50,000) may still be on its way.
        var firstNext = firstBalances.MoveNextAsync().AsTask();
        var secondNext = secondBalances.MoveNextAsync().AsTask();
        var up = await first.BuyAsync(Asset, 10m, TimeSpan.FromSeconds(5)).WithSafetyNet(Net);
        (await ReadUntilAsync(firstBalances, firstNext, 49_990m)).ShouldAllBe(b => b == 50_000m);
        var down = await second.SellAsync(Asset, 20m, TimeSpan.FromSeconds(5)).WithSafetyNet(Net);
        (await ReadUntilAsync(secondBalances, secondNext, 49_980m)).ShouldAllBe(b => b == 50_000m, "the first account's trade never changes the second's balance");

        first.Deals.Opened.Select(d => d.Id).ShouldBe([up.Id]);
        second.Deals.Opened.Select(d => d.Id).ShouldBe([down.Id]);
        var upResult = first.CheckResultAsync(up.Id);
        var downResult = second.CheckResultAsync(down.Id);
        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        (await upResult.WithSafetyNet(Net)).ShouldBe(new TradeResult(TradeOutcome.Win, 9.20m));
        (await downResult.WithSafetyNet(Net)).ShouldBe(new TradeResult(TradeOutcome.Loss, -20m));
        (await ReadUntilAsync(firstBalances, firstBalances.MoveNextAsync().AsTask(), 50_009.20m)).ShouldBeEmpty("the settlement's balance is the next one");
        (await first.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(50_009.20m);
        (await second.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(49_980m);
        first.Deals.TryGetClosed(down.Id, out _).ShouldBeFalse("the other account's deal never reaches this book");
        second.Deals.TryGetClosed(up.Id, out _).ShouldBeFalse();

        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None).WithSafetyNet(Net);
        }
    }

    [Fact]
    public async Task After_a_relogin_the_book_holds_the_open_deals_the_server_pushes_and_a_pending_order_placed_before_triggers_into_it()
    {
        await using var h = await SimulatorHarness.StartAsync(Start);
        var states = new StateRecorder<PocketOptionState>(h.Client.Client);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await h.Client.GetAssetsAsync().WithSafetyNet(Net);
        await h.SyncAsync();
        var deal = await h.Client.BuyAsync(Asset, 10m, TimeSpan.FromSeconds(60)).WithSafetyNet(Net);
        var openAt = new DateTimeOffset(2026, 12, 1, 12, 0, 30, TimeSpan.Zero);
        var pending = await h.Client.OpenPendingOrderAsync(new OpenPendingOrder
        {
            OpenType = 0,
            Amount = 10m,
            Asset = Asset,
            OpenTime = openAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            Timeframe = 60,
            MinPayout = 80,
            Command = OrderAction.Put,
        }).WithSafetyNet(Net);

        // A fresh client on the same account learns the open deal from what the server pushes at login.
        await using (var fresh = PocketOptionClient.Create(SsidSamples.DemoFrame, new PocketOptionOptions { Endpoint = h.Simulator.Endpoint, TimeProvider = h.Clock }))
        {
            var learned = new TaskCompletionSource<Deal>(TaskCreationOptions.RunContinuationsAsynchronously);
            fresh.Deals.DealOpened += (_, e) => learned.TrySetResult(e.Deal);
            await fresh.ConnectAsync().WithSafetyNet(Net);
            (await learned.Task.WithSafetyNet(Net)).Id.ShouldBe(deal.Id);
            fresh.Deals.Opened.Select(d => (d.Id, d.Amount)).ShouldBe([(deal.Id, 10m)]);
        }

        // The first client loses its session and logs in again: the deal is still in its book, the pending order on the server.
        await h.Simulator.DisconnectAllAsync(closeSession: true).WithSafetyNet(Net);
        var reconnecting = await states.NextAsync(ConnectionState.Reconnecting, Net);
        h.Clock.Advance(reconnecting.Delay);
        await states.NextAsync(ConnectionState.Ready, Net);
        h.Client.Deals.TryGetOpened(deal.Id, out _).ShouldBeTrue();
        h.Simulator.PendingOrderCount.ShouldBe(1, "pending orders survive the drop; the simulator does not list them at login [simulator-defined]");

        var triggered = new TaskCompletionSource<Deal>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.Deals.DealOpened += (_, e) =>
        {
            if (e.Deal.Id != deal.Id)
            {
                triggered.TrySetResult(e.Deal);
            }
        };
        await h.SyncAsync();
        h.Advance(openAt - h.Clock.GetUtcNow(), TimeSpan.FromMilliseconds(500));

        var fromPending = await triggered.Task.WithSafetyNet(Net);
        (fromPending.Asset, fromPending.Amount, fromPending.Command).ShouldBe((Asset, 10m, OrderAction.Put));
        h.Client.Deals.Opened.Select(d => d.Id).Order().ShouldBe(new[] { deal.Id, fromPending.Id }.Order());
        h.Simulator.PendingOrderCount.ShouldBe(0);
        pending.Ticket.ShouldNotBeNullOrEmpty();
    }

    // Reads balances (the first read already started) until the expected one; returns the ones before it.
    private static async Task<List<decimal>> ReadUntilAsync(IAsyncEnumerator<decimal> balances, Task<bool> next, decimal expected)
    {
        var before = new List<decimal>();
        (await next.WithSafetyNet(Net)).ShouldBeTrue();
        while (balances.Current != expected)
        {
            before.Add(balances.Current);
            (await balances.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
        }

        return before;
    }
}
