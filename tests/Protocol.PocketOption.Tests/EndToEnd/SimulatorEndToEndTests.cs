using Protocol.PocketOption.Tests.Session;
using Protocol.Testing;
using Protocol.Trading.Candles;
using Protocol.Trading.Market;

namespace Protocol.PocketOption.Tests.EndToEnd;

// The client against the PocketOption simulator over real WebSockets on 127.0.0.1 (issue #12's end-to-end list).
public sealed class SimulatorEndToEndTests
{
    private static readonly TimeSpan Net = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Connects_and_reads_the_balance_and_the_assets()
    {
        await using var h = await SimulatorHarness.StartAsync(new DateTimeOffset(2026, 12, 1, 12, 0, 0, 200, TimeSpan.Zero));
        await h.Client.ConnectAsync().WithSafetyNet(Net);

        (await h.Client.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(h.Simulator.Options.DemoBalance);
        h.Client.State.IsDemo.ShouldBe(true);
        var assets = await h.Client.GetAssetsAsync().WithSafetyNet(Net);
        assets.Count.ShouldBe(h.Simulator.Feed.Assets.Count);
        foreach (var expected in h.Simulator.Feed.Assets)
        {
            var asset = assets[expected.Symbol];
            (asset.Name, asset.Payout, asset.IsOtc, asset.IsActive).ShouldBe((expected.Name, expected.Payout, expected.IsOtc, expected.IsActive), expected.Symbol);
            asset.Kind.ToString().ShouldBe(expected.Kind.ToString());
            asset.AllowedExpiries.ShouldBe(expected.ExpirySeconds.Select(s => TimeSpan.FromSeconds(s)));
        }
    }

    [Fact]
    public async Task A_tick_subscription_produces_the_feeds_ticks_and_aligned_candles()
    {
        var start = new DateTimeOffset(2026, 12, 1, 12, 0, 0, 200, TimeSpan.Zero);
        await using var h = await SimulatorHarness.StartAsync(start);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await using var ticks = await h.Client.SubscribeAsync("EURUSD_otc", SubscriptionMode.None).WithSafetyNet(Net);
        await using var aligned = await h.Client.SubscribeAsync("EURUSD_otc", SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5))).WithSafetyNet(Net);

        await h.SyncAsync();

        // Ticks every 500 ms from 12:00:00.5; the 5 s window [12:00:05, 12:00:10) closes with the tick of 12:00:10.
        h.Advance(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));

        await using var tickItems = ticks.GetAsyncEnumerator();
        for (var i = 1; i <= 4; i++)
        {
            (await tickItems.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
            var time = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero) + TimeSpan.FromMilliseconds(500 * i);
            tickItems.Current.Time.ShouldBe(time);
            tickItems.Current.Close.ShouldBe(h.Simulator.Feed.PriceAt("EURUSD_otc", time));
        }

        await using var candleItems = aligned.GetAsyncEnumerator();
        (await candleItems.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();   // the partial first window
        (await candleItems.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
        var window = new DateTimeOffset(2026, 12, 1, 12, 0, 5, TimeSpan.Zero);
        var expected = h.Simulator.Feed.CandleAt("EURUSD_otc", window, TimeSpan.FromSeconds(5));
        candleItems.Current.ShouldBe(new Candle(window, expected.Open, expected.High, expected.Low, expected.Close));
        h.Client.ServerTime.IsKnown.ShouldBeTrue();
        h.Client.ServerTime.IsStale.ShouldBeFalse();
    }

    [Fact]
    public async Task History_agrees_with_the_feed()
    {
        var start = new DateTimeOffset(2026, 12, 1, 12, 0, 30, 200, TimeSpan.Zero);
        await using var h = await SimulatorHarness.StartAsync(start);
        await h.Client.ConnectAsync().WithSafetyNet(Net);

        var candles = await h.Client.GetCandlesAsync("EURUSD_otc", TimeSpan.FromMinutes(1), 5).WithSafetyNet(Net);

        candles.Count.ShouldBe(5);
        for (var i = 0; i < 5; i++)
        {
            var minute = new DateTimeOffset(2026, 12, 1, 11, 55 + i, 0, TimeSpan.Zero);
            var expected = h.Simulator.Feed.CandleAt("EURUSD_otc", minute, TimeSpan.FromMinutes(1));
            candles[i].ShouldBe(new Candle(minute, expected.Open, expected.High, expected.Low, expected.Close, expected.Volume));
        }

        // More than one page: 300 one-minute candles reach back past the first answer.
        var many = await h.Client.GetCandlesAsync("EURUSD_otc", TimeSpan.FromMinutes(1), 300).WithSafetyNet(Net);
        many.Count.ShouldBe(300);
        many[^1].Time.ShouldBe(new DateTimeOffset(2026, 12, 1, 11, 59, 0, TimeSpan.Zero));
        many.Zip(many.Skip(1)).ShouldAllBe(p => p.Second.Time - p.First.Time == TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_rejected_ssid_is_terminal_and_reported_at_once()
    {
        await using var h = await SimulatorHarness.StartAsync(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), s => s.Faults.RejectAuth = true);

        // No clock advance: the rejection arrives as NotAuthorized + 41, not as a login timeout.
        var error = await Should.ThrowAsync<LoginRejectedException>(h.Client.ConnectAsync().WithSafetyNet(Net));
        error.Message.ShouldNotContain(SsidSamples.DemoToken);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Closed);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        h.Client.ConnectionState.ShouldBe(ConnectionState.Closed, "a refused session is not retried");
        h.Logs.All.ShouldAllBe(e => !(e.Message + e.Exception).Contains(SsidSamples.DemoToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_the_server_drops_the_connection_the_subscription_resumes_with_the_gap_visible()
    {
        var start = new DateTimeOffset(2026, 12, 1, 12, 0, 0, 200, TimeSpan.Zero);
        await using var h = await SimulatorHarness.StartAsync(start);
        var states = new Protocol.Testing.Clients.StateRecorder<PocketOptionState>(h.Client.Client);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await using var ticks = await h.Client.SubscribeAsync("EURUSD_otc", SubscriptionMode.None).WithSafetyNet(Net);
        var items = ticks.GetAsyncEnumerator();
        await h.SyncAsync();
        h.Advance(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
        (await items.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();

        await h.Simulator.DisconnectAllAsync();
        var reconnecting = await states.NextAsync(ConnectionState.Reconnecting, Net);
        h.Clock.Advance(reconnecting.Delay);
        await states.NextAsync(ConnectionState.Ready, Net);
        ticks.ResumeCount.ShouldBe(1);

        await h.SyncAsync();
        var resumedAt = h.Clock.GetUtcNow();
        h.Advance(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500));
        (await items.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
        items.Current.Time.ShouldBeGreaterThan(resumedAt, "the next candle is a tick of the new session");
        items.Current.Close.ShouldBe(h.Simulator.Feed.PriceAt("EURUSD_otc", items.Current.Time));

        // Disposed only here: disposing an enumerator with a pending MoveNextAsync would hide a failure's real cause.
        await items.DisposeAsync();
    }
}
