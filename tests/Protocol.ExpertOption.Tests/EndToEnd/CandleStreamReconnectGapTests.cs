using Protocol.Testing;
using Protocol.Trading.Candles;
using Protocol.Trading.Clients;

namespace Protocol.ExpertOption.Tests.EndToEnd;

// A reconnect is a gap in the prices: the candle being built when the connection dropped is discarded, never completed by a
// tick of the next session, and the subscription shows the gap (ResumeCount, Resumed). All on the fake clock: the simulator
// pushes the feed's ticks (every 500 ms of its time) once per second of it.
public sealed class CandleStreamReconnectGapTests
{
    // Longer than the first reconnect's backoff (5 s ± 20 %), so the new session's first tick falls in the window the drop left
    // half built: the case where bridging would go unnoticed.
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_reconnect_in_the_middle_of_an_aligned_candle_discards_it_and_the_next_candle_has_only_new_session_ticks()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromSeconds(1));
        var client = await fx.ConnectedClientAsync();
        await using var candles = client.SubscribeAsync(142, SubscriptionMode.TimeAligned(Period));
        var resumed = new ResumeCounter(candles);
        await using var ticks = client.SubscribeAsync(142, SubscriptionMode.None).GetAsyncEnumerator();
        await using var reader = candles.GetAsyncEnumerator();
        var next = reader.MoveNextAsync().AsTask();
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);

        // Ticks 10:00:00.5 to 10:00:02 of the first session: the window 10:00:00 is half built when the connection drops.
        AdvanceSeconds(fx, 2);
        await ReadTicksUntilAsync(ticks, SimulatorFixture.Start.AddSeconds(2));
        candles.ResumeCount.ShouldBe(0);

        var (resumedAt, window) = await ResumeIntoHalfBuiltWindowAsync(fx, client, resumed, SimulatorFixture.Start);
        candles.ResumeCount.ShouldBe(1);
        resumed.Count.ShouldBe(1);
        (await next.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();

        // Exactly the new session's ticks of that window: none of 10:00:00.5 to 10:00:02, though it is the same window.
        reader.Current.ShouldBe(NewSessionCandle(fx, window, resumedAt));
        candles.ResumeCount.ShouldBe(1);
        resumed.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Ticks_of_the_old_session_read_after_the_resume_still_complete_their_candle_and_the_one_in_progress_is_discarded()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromSeconds(1));
        var client = await fx.ConnectedClientAsync();
        await using var candles = client.SubscribeAsync(142, SubscriptionMode.TimeAligned(Period));
        var resumed = new ResumeCounter(candles);
        await using var ticks = client.SubscribeAsync(142, SubscriptionMode.None).GetAsyncEnumerator();
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);

        // Ticks 10:00:00.5 to 10:00:17 of the first session, none read yet: they wait in the subscription's buffer across the
        // reconnect. They complete the window 10:00:00 and half build the window 10:00:15.
        AdvanceSeconds(fx, 17);
        await ReadTicksUntilAsync(ticks, SimulatorFixture.Start.AddSeconds(17));
        var (resumedAt, window) = await ResumeIntoHalfBuiltWindowAsync(fx, client, resumed, SimulatorFixture.Start + Period);

        await using var reader = candles.GetAsyncEnumerator();
        (await reader.MoveNextAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        reader.Current.ShouldBe(FirstWindowCandle(fx), "the old session's complete candle");

        // The window 10:00:15 (ticks 15 to 17 of the old session) is never completed by a new session's tick.
        (await reader.MoveNextAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        reader.Current.ShouldBe(NewSessionCandle(fx, window, resumedAt), "only the new session's ticks");
        candles.ResumeCount.ShouldBe(1);
        resumed.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_push_of_the_old_session_still_buffered_at_the_resume_is_dropped_with_its_candle_not_moved_into_the_next()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromSeconds(1));
        var client = await fx.ConnectedClientAsync();
        await using var candles = client.SubscribeAsync(142, SubscriptionMode.TimeAligned(Period));
        var resumed = new ResumeCounter(candles);
        await using var ticks = client.SubscribeAsync(142, SubscriptionMode.None).GetAsyncEnumerator();
        await using var reader = candles.GetAsyncEnumerator();
        var first = reader.MoveNextAsync().AsTask();
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);

        // The reader takes the window 10:00:00, completed by the tick 10:00:15 that starts the next window in its aggregator.
        AdvanceSeconds(fx, 15);
        (await first.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        reader.Current.ShouldBe(FirstWindowCandle(fx));

        // Ticks 10:00:15.5 and 10:00:16 arrive unread: still in the buffer when the stream resumes. Resetting at the resume
        // would make them the start of a "new" candle; they belong to the old session's, which is dropped.
        AdvanceSeconds(fx, 1);
        await ReadTicksUntilAsync(ticks, SimulatorFixture.Start.AddSeconds(16));
        var (resumedAt, window) = await ResumeIntoHalfBuiltWindowAsync(fx, client, resumed, SimulatorFixture.Start + Period);

        (await reader.MoveNextAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        reader.Current.ShouldBe(NewSessionCandle(fx, window, resumedAt), "only the new session's ticks");
        (candles.ResumeCount, resumed.Count).ShouldBe((1L, 1));
    }

    [Fact]
    public async Task A_stream_without_a_reconnect_shows_no_resume_and_builds_consecutive_windows()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromSeconds(1));
        var client = await fx.ConnectedClientAsync();
        await using var candles = client.SubscribeAsync(142, SubscriptionMode.TimeAligned(Period));
        var resumed = new ResumeCounter(candles);
        await using var reader = candles.GetAsyncEnumerator();
        var first = reader.MoveNextAsync().AsTask();
        await fx.Simulator.WhenSubscribed(142).WithSafetyNet(SafetyNet.NetworkLimit);
        AdvanceSeconds(fx, 31);
        (await first.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        reader.Current.ShouldBe(FirstWindowCandle(fx));
        (await reader.MoveNextAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        reader.Current.ShouldBe(Aggregate(fx, SimulatorFixture.Start + Period, SimulatorFixture.Start + Period, SimulatorFixture.Start + (2 * Period)));
        (candles.AssetId, candles.Mode, candles.ResumeCount, candles.DroppedCount, resumed.Count).ShouldBe((142, SubscriptionMode.TimeAligned(Period), 0L, 0L, 0));
    }

    [Fact]
    public async Task The_neutral_interface_returns_the_same_subscription_so_a_strategy_can_see_the_gap_too()
    {
        await using var fx = await SimulatorFixture.StartAsync(o => o.TickInterval = TimeSpan.FromSeconds(1));
        ITradingClient client = await fx.ConnectedClientAsync();
        var candles = client.SubscribeAsync("160", SubscriptionMode.Chunk(1)).ShouldBeOfType<ExpertOptionCandleSubscription>();
        await using (candles)
        {
            (candles.AssetId, candles.Mode, candles.ResumeCount).ShouldBe((160, SubscriptionMode.Chunk(1), 0L));
        }
    }

    // The session closes on the server and the client comes back on the fake clock; the stream resumes at the returned time,
    // whose window (checked against the one expected) the drop left half built. Then the clock moves one tick into the window
    // after it, so that window's candle completes.
    private static async Task<(DateTimeOffset ResumedAt, DateTimeOffset Window)> ResumeIntoHalfBuiltWindowAsync(
        SimulatorFixture fx, ExpertOptionClient client, ResumeCounter resumed, DateTimeOffset expectedWindow)
    {
        await fx.ReconnectAsync(client);
        await resumed.First.WithSafetyNet(SafetyNet.NetworkLimit);

        // The simulator takes the asset's ticks from the time it reads the replayed subscribe (the clock stands).
        await fx.Simulator.WhenSubscribedAgain(142).WithSafetyNet(SafetyNet.NetworkLimit);
        var resumedAt = fx.Clock.GetUtcNow();

        // The first window with a tick of the new session closes once a tick of the window after it arrives.
        var window = AlignDown(FirstTickAfter(fx, resumedAt));
        window.ShouldBe(expectedWindow, "the new session's first tick falls in the window the drop left half built");
        fx.Clock.Advance(window + Period + TimeSpan.FromSeconds(1) - fx.Clock.GetUtcNow());
        return (resumedAt, window);
    }

    // One step per second: the simulator pushes once per second of its time.
    private static void AdvanceSeconds(SimulatorFixture fx, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            fx.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    // Reads one-tick candles until one at or after the time: the client has received every push up to it.
    private static async Task ReadTicksUntilAsync(IAsyncEnumerator<Candle> ticks, DateTimeOffset time)
    {
        do
        {
            (await ticks.MoveNextAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBeTrue();
        }
        while (ticks.Current.Time < time);
    }

    // The first session's first window, complete: every tick after the start.
    private static Candle FirstWindowCandle(SimulatorFixture fx)
        => Aggregate(fx, SimulatorFixture.Start, SimulatorFixture.Start.AddTicks(1), SimulatorFixture.Start + Period);

    // A window built from the new session's ticks only (those after the resume).
    private static Candle NewSessionCandle(SimulatorFixture fx, DateTimeOffset window, DateTimeOffset resumedAt)
        => Aggregate(fx, window, resumedAt.AddTicks(1), window + Period);

    // The candle of a window built from the feed's ticks in [from, to).
    private static Candle Aggregate(SimulatorFixture fx, DateTimeOffset window, DateTimeOffset from, DateTimeOffset to)
    {
        var prices = fx.Simulator.Feed.Ticks(142, from, to).Select(t => t.Price).ToList();
        prices.ShouldNotBeEmpty();
        return new Candle(window, prices[0], prices.Max(), prices.Min(), prices[^1]);
    }

    // The backoff is jittered in whole milliseconds, so the stream resumes between two of the feed's ticks.
    private static DateTimeOffset FirstTickAfter(SimulatorFixture fx, DateTimeOffset time)
        => fx.Simulator.Feed.Ticks(142, time.AddTicks(1), time.AddSeconds(1)).First().Time;

    private static DateTimeOffset AlignDown(DateTimeOffset time)
        => new(time.UtcTicks - (time.UtcTicks % Period.Ticks), TimeSpan.Zero);

    private sealed class ResumeCounter
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public ResumeCounter(ExpertOptionCandleSubscription candles) => candles.Resumed += (sender, _) =>
        {
            if (!ReferenceEquals(sender, candles))
            {
                _first.TrySetException(new InvalidOperationException("Resumed was raised with another sender than the subscription."));
                return;
            }

            Interlocked.Increment(ref _count);
            _first.TrySetResult();
        };

        public int Count => Volatile.Read(ref _count);

        public Task First => _first.Task;
    }
}
