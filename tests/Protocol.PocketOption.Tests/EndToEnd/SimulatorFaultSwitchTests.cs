using System.Diagnostics.Metrics;
using Protocol.PocketOption.Trading.Orders;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Trading.Candles;
using Protocol.Trading.Trades;

namespace Protocol.PocketOption.Tests.EndToEnd;

// Issue #12's fault switches, each against the real client, asserting what its user sees.
public sealed class SimulatorFaultSwitchTests
{
    private const string Asset = "EURUSD_otc";
    private static readonly TimeSpan Net = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, 200, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_closed_or_aborted_connection_goes_Reconnecting_then_Ready_on_a_new_login_with_the_subscription_resumed(bool abort)
    {
        await using var h = await SimulatorHarness.StartAsync(Start);
        var states = new StateRecorder<PocketOptionState>(h.Client.Client);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await using var ticks = await h.Client.SubscribeAsync(Asset, SubscriptionMode.None).WithSafetyNet(Net);
        await h.SyncAsync();
        var first = h.Simulator.Connections.Single();

        if (abort)
        {
            first.Abort();
        }
        else
        {
            await first.CloseAsync().AsTask().WithSafetyNet(Net);
        }

        var reconnecting = await states.NextAsync(ConnectionState.Reconnecting, Net);
        reconnecting.Previous.ShouldBe(ConnectionState.Ready);
        h.Client.ConnectionState.ShouldNotBe(ConnectionState.Ready);
        h.Clock.Advance(reconnecting.Delay);
        await states.NextAsync(ConnectionState.Ready, Net);
        await first.Closed.WithSafetyNet(Net);

        var second = h.Simulator.Connections.ShouldHaveSingleItem();
        second.Id.ShouldNotBe(first.Id);
        second.IsLoggedIn.ShouldBeTrue();
        ticks.ResumeCount.ShouldBe(1);
        (await h.Client.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(h.Simulator.Options.DemoBalance);
        await h.SyncAsync();
        h.Advance(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500));
        await using var items = ticks.GetAsyncEnumerator();
        (await items.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
        items.Current.Close.ShouldBe(h.Simulator.Feed.PriceAt(Asset, items.Current.Time));
    }

    [Fact]
    public async Task A_reply_delay_within_the_timeout_still_completes_the_command_with_the_right_answer()
    {
        await using var h = await SimulatorHarness.StartAsync(Start);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await h.SyncAsync();
        h.Simulator.Connections.Single().Faults.ReplyDelay = TimeSpan.FromSeconds(3);
        var timers = h.Clock.ActiveTimerCount;

        var call = h.Client.GetCandlesAsync(Asset, TimeSpan.FromMinutes(1), 3, timeout: TimeSpan.FromSeconds(10));
        await h.Clock.WaitForActiveTimersAsync(timers + 2, Net);   // the client's timeout and the server's delay
        h.Advance(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(500));

        var candles = await call.WithSafetyNet(Net);
        candles.Select(c => c.Time).ShouldBe([new(2026, 12, 1, 11, 57, 0, TimeSpan.Zero), new(2026, 12, 1, 11, 58, 0, TimeSpan.Zero), new(2026, 12, 1, 11, 59, 0, TimeSpan.Zero)]);
        candles.ShouldAllBe(c => c == h.Simulator.Feed.CandleAt(Asset, c.Time, TimeSpan.FromMinutes(1)));
        h.Sent.CountEvent("loadHistoryPeriod").ShouldBe(2, "the sync's request and this one: nothing re-sent");
    }

    [Fact]
    public async Task A_reply_delay_beyond_the_order_timeout_fails_as_outcome_unknown_sends_once_and_the_late_deal_joins_the_book()
    {
        await using var h = await SimulatorHarness.StartAsync(Start);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await h.Client.GetAssetsAsync().WithSafetyNet(Net);
        await h.SyncAsync();
        var opened = new TaskCompletionSource<Protocol.PocketOption.Wire.Trading.Deal>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.Deals.DealOpened += (_, e) => opened.TrySetResult(e.Deal);
        h.Simulator.Faults.ReplyDelay = TimeSpan.FromSeconds(20);   // over the default order timeout of 15 s
        var timers = h.Clock.ActiveTimerCount;

        var buy = h.Client.BuyAsync(Asset, 10m, TimeSpan.FromSeconds(60));
        await h.Clock.WaitForActiveTimersAsync(timers + 2, Net);
        h.Advance(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1));

        var unknown = await Should.ThrowAsync<OrderOutcomeUnknownException>(buy.WithSafetyNet(Net));
        (unknown.Asset, unknown.Amount).ShouldBe((Asset, 10m));
        unknown.InnerException.ShouldBeAssignableTo<TimeoutException>();
        opened.Task.IsCompleted.ShouldBeFalse();

        h.Advance(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));   // the slow server opens it after all
        var deal = await opened.Task.WithSafetyNet(Net);
        (deal.Asset, deal.Amount, deal.RequestId).ShouldBe((Asset, 10m, unknown.RequestId));
        h.Client.Deals.TryGetOpened(deal.Id, out _).ShouldBeTrue("no position is hidden");
        h.Sent.CountEvent("openOrder").ShouldBe(1, "an order is never re-sent");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_step_and_two_step_payloads_give_the_same_typed_values(bool oneStep)
    {
        await using var h = await SimulatorHarness.StartAsync(Start, s => s.Faults.OneStep = oneStep);
        await h.Client.ConnectAsync().WithSafetyNet(Net);

        (await h.Client.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(50_000m);
        var assets = await h.Client.GetAssetsAsync().WithSafetyNet(Net);
        assets.Count.ShouldBe(h.Simulator.Feed.Assets.Count);
        (assets[Asset].Payout, assets[Asset].IsOtc, assets[Asset].IsActive).ShouldBe((92, true, true));
        var history = await h.Client.GetCandlesAsync(Asset, TimeSpan.FromMinutes(1), 2).WithSafetyNet(Net);
        history.ShouldAllBe(c => c == h.Simulator.Feed.CandleAt(Asset, c.Time, TimeSpan.FromMinutes(1)));
        await using var ticks = await h.Client.SubscribeAsync(Asset, SubscriptionMode.None).WithSafetyNet(Net);
        await h.SyncAsync();

        var now = h.Clock.GetUtcNow();
        h.Simulator.Feed.Script(Asset, now, 1.08000m);
        h.Simulator.Feed.Script(Asset, now.AddSeconds(5), 1.08100m);
        var deal = await h.Client.BuyAsync(Asset, 10m, TimeSpan.FromSeconds(5)).WithSafetyNet(Net);
        deal.OpenPrice.ShouldBe(1.08000m);
        var result = h.Client.CheckResultAsync(deal.Id);
        h.Advance(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(500));

        (await result.WithSafetyNet(Net)).ShouldBe(new TradeResult(TradeOutcome.Win, 9.20m));
        await using var items = ticks.GetAsyncEnumerator();
        (await items.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
        items.Current.Close.ShouldBe(h.Simulator.Feed.PriceAt(Asset, items.Current.Time));
    }

    [Fact]
    public async Task Protocol_drift_is_counted_per_event_name_and_the_client_keeps_working()
    {
        var drift = 0L;
        var seenTwice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProtocolTelemetry.Meter.Name && instrument.Name == "protocol.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: ProtocolTelemetry.MessageNameTag, Value: "simulatorDrift" } && Interlocked.Add(ref drift, value) >= 2)
                {
                    seenTwice.TrySetResult();
                }
            }
        });
        listener.Start();

        await using var h = await SimulatorHarness.StartAsync(Start, s =>
        {
            s.Faults.UnknownEventInterval = TimeSpan.FromSeconds(5);
            s.Faults.UnknownFields = true;
        });
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await h.SyncAsync();
        h.Advance(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));

        await seenTwice.Task.WithSafetyNet(Net);
        h.Logs.All.ShouldContain(e => e.Message.Contains("'simulatorDrift'", StringComparison.Ordinal), "logged on first sight");
        h.Client.ConnectionState.ShouldBe(ConnectionState.Ready);
        (await h.Client.GetBalanceAsync().WithSafetyNet(Net)).ShouldBe(50_000m);
        var candles = await h.Client.GetCandlesAsync(Asset, TimeSpan.FromMinutes(1), 2).WithSafetyNet(Net);
        candles.ShouldAllBe(c => c == h.Simulator.Feed.CandleAt(Asset, c.Time, TimeSpan.FromMinutes(1)), "objects with an unknown field still read");
        (await h.Client.GetAssetsAsync().WithSafetyNet(Net)).Count.ShouldBe(h.Simulator.Feed.Assets.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_namespace_disconnect_after_login_is_a_lost_session_the_client_logs_in_again_and_resumes(bool global)
    {
        await using var h = await SimulatorHarness.StartAsync(Start);
        var states = new StateRecorder<PocketOptionState>(h.Client.Client);
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await using var candles = await h.Client.SubscribeAsync(Asset, SubscriptionMode.Chunk(2)).WithSafetyNet(Net);
        await h.SyncAsync();
        var first = h.Simulator.Connections.Single();

        if (global)
        {
            await h.Simulator.DisconnectAllAsync().WithSafetyNet(Net);
        }
        else
        {
            await first.DisconnectAsync().AsTask().WithSafetyNet(Net);
        }

        var reconnecting = await states.NextAsync(ConnectionState.Reconnecting, Net);
        h.Clock.Advance(reconnecting.Delay);
        await states.NextAsync(ConnectionState.Ready, Net);

        var second = h.Simulator.Connections.ShouldHaveSingleItem();
        (second.Id != first.Id, second.IsLoggedIn, second.IsDemo).ShouldBe((true, true, (bool?)true), "a new login");
        candles.ResumeCount.ShouldBe(1);
        await h.SyncAsync();
        var resumedAt = h.Clock.GetUtcNow();
        h.Advance(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500));
        await using var items = candles.GetAsyncEnumerator();
        (await items.MoveNextAsync().AsTask().WithSafetyNet(Net)).ShouldBeTrue();
        items.Current.Time.ShouldBeGreaterThan(resumedAt);
        items.Current.Close.ShouldBe(h.Simulator.Feed.PriceAt(Asset, items.Current.Time + TimeSpan.FromMilliseconds(500)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_namespace_disconnect_during_login_is_a_terminal_rejection_reported_at_once(bool global)
    {
        await using var h = await SimulatorHarness.StartAsync(Start, s =>
        {
            if (global)
            {
                s.Faults.DisconnectOnAuth = true;
            }
            else
            {
                s.ConnectionOpened += c => c.Faults.DisconnectOnAuth = true;
            }
        });

        // No clock advance: the 41 itself is the answer, not a login timeout.
        await Should.ThrowAsync<LoginRejectedException>(h.Client.ConnectAsync().WithSafetyNet(Net));
        h.Client.ConnectionState.ShouldBe(ConnectionState.Closed);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        h.Client.ConnectionState.ShouldBe(ConnectionState.Closed, "a refused login is not retried");
        h.Sent.CountEvent("auth").ShouldBe(1);
    }
}
