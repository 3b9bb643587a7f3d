using System.Text.Json;
using Protocol.PocketOption.Simulator.Market;
using Protocol.PocketOption.Simulator.Tests.Wire;
using Protocol.Testing;
using Protocol.Testing.Time;

namespace Protocol.PocketOption.Simulator.Tests.Streams;

public sealed class StreamTests
{
    // 12:00:00.2: not on a tick boundary, so alignment is exercised.
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, 200, TimeSpan.Zero);

    private static Task<(PocketOptionSimulator Sim, TimerCountingTimeProvider Clock)> StartAsync() => TestSimulator.StartAsync(Start);

    // Handlers of a session run in order: once getBalance is answered, everything sent before it was handled.
    private static async Task SyncAsync(SimulatorClient client)
    {
        await client.EmitAsync("getBalance");
        await client.NextEventAsync("successupdateBalance");
    }

    private static decimal Seconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / (decimal)TimeSpan.TicksPerSecond;

    private static (string Symbol, decimal Time, decimal Price) Triple(Received tick)
    {
        tick.Name.ShouldBe("updateStream");
        var body = tick.Body;
        body.GetArrayLength().ShouldBe(1, "one [symbol, time, price] triple per updateStream");
        return (body[0][0].GetString()!, body[0][1].GetDecimal(), body[0][2].GetDecimal());
    }

    [Fact]
    public async Task ChangeSymbol_answers_with_the_feeds_ticks_and_candles_two_step()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);

        await client.EmitAsync("changeSymbol", """{"asset":"EURUSD_otc","period":60}""");

        var history = await client.NextEventAsync("updateHistoryNewFast");
        var body = history.Body;
        body.GetProperty("asset").GetString().ShouldBe("EURUSD_otc");
        body.GetProperty("period").GetInt32().ShouldBe(60);

        var now = clock.GetUtcNow();
        var expectedTicks = sim.Feed.Ticks("EURUSD_otc", now.AddMinutes(-2), now.AddTicks(1)).ToList();
        var ticks = body.GetProperty("history").EnumerateArray().Select(t => (t[0].GetDecimal(), t[1].GetDecimal())).ToList();
        ticks.ShouldBe(expectedTicks.Select(t => (Seconds(t.Time), t.Price)));
        ticks[^1].Item1.ShouldBe(Seconds(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)), "the last tick is the current one, at or before now");

        var candles = body.GetProperty("candles").EnumerateArray().ToList();
        candles.Count.ShouldBe(100);
        var current = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < candles.Count; i++)
        {
            var expected = sim.Feed.CandleAt("EURUSD_otc", current.AddMinutes(i - 100), TimeSpan.FromMinutes(1));
            var row = candles[i];
            row.GetArrayLength().ShouldBe(5);
            (row[0].GetDecimal(), row[1].GetDecimal(), row[2].GetDecimal(), row[3].GetDecimal(), row[4].GetDecimal())
                .ShouldBe((Seconds(expected.Time), expected.Open, expected.Close, expected.High, expected.Low), "[t, open, close, high, low]");
        }
    }

    [Fact]
    public async Task Subfor_streams_the_feeds_ticks_two_step_on_the_fake_clock()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);

        await client.EmitAsync("subfor", "\"EURUSD_otc\"");
        await SyncAsync(client);
        client.Drain().ShouldBeEmpty("no tick before the clock moves");

        for (var i = 1; i <= 3; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            var tick = await client.NextAsync();
            tick.IsTwoStep.ShouldBeTrue();
            tick.Frame.ShouldBe("""451-["updateStream",{"_placeholder":true,"num":0}]""");
            var boundary = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(500 * i);
            Triple(tick).ShouldBe(("EURUSD_otc", Seconds(boundary), sim.Feed.PriceAt("EURUSD_otc", boundary)));
        }
    }

    [Fact]
    public async Task Several_assets_stream_on_one_session_each_at_its_own_rate()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);

        await client.EmitAsync("subfor", "\"AAPL_otc\"");
        await client.EmitAsync("subfor", "\"EURUSD_otc\"");
        await client.EmitAsync("subfor", "\"NOPE\"");
        await SyncAsync(client);

        var received = new List<(string Symbol, decimal Time, decimal Price)>();
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        // 12:00:00.2 + 2 s: EURUSD_otc ticks at .5, 1.0, 1.5, 2.0; AAPL_otc (1 s) at 1.0 and 2.0.
        for (var i = 0; i < 6; i++)
        {
            received.Add(Triple(await client.NextAsync()));
        }

        received.Count(r => r.Symbol == "EURUSD_otc").ShouldBe(4);
        received.Where(r => r.Symbol == "AAPL_otc").Select(r => r.Time).ShouldBe([Seconds(Start.AddMilliseconds(800)), Seconds(Start.AddMilliseconds(1800))]);
        received.ShouldAllBe(r => r.Price == sim.Feed.PriceAt(r.Symbol, DateTimeOffset.UnixEpoch.AddTicks((long)(r.Time * TimeSpan.TicksPerSecond))));
        await SyncAsync(client);
        client.Drain().ShouldBeEmpty();
    }

    [Fact]
    public async Task Live_ticks_agree_with_the_history_asked_for_afterwards()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);
        await client.EmitAsync("subfor", "\"GBPUSD_otc\"");
        await SyncAsync(client);

        var live = new List<(decimal, decimal)>();
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            var (_, time, price) = Triple(await client.NextAsync());
            live.Add((time, price));
        }

        await client.EmitAsync("changeSymbol", """{"asset":"GBPUSD_otc","period":1}""");
        var history = (await client.NextEventAsync("updateHistoryNewFast")).Body.GetProperty("history").EnumerateArray()
            .Select(t => (t[0].GetDecimal(), t[1].GetDecimal())).ToList();
        history.TakeLast(5).ShouldBe(live);
    }

    [Fact]
    public async Task LoadHistoryPeriod_and_its_fast_form_answer_from_the_feed_echoing_the_index()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);
        var time = Seconds(clock.GetUtcNow());

        await client.EmitAsync("loadHistoryPeriod", $$"""{"asset":"EURUSD_otc","period":60,"time":{{time}},"index":17,"offset":3600}""");
        await client.EmitAsync("loadHistoryPeriodFast", $$"""{"asset":"AAPL_otc","period":5,"time":{{time}},"index":18,"offset":60}""");

        var slow = await client.NextAsync();
        slow.Name.ShouldBe("loadHistoryPeriod");
        slow.Body.GetProperty("index").GetInt64().ShouldBe(17);
        slow.Body.GetProperty("asset").GetString().ShouldBe("EURUSD_otc");
        slow.Body.GetProperty("period").GetInt32().ShouldBe(60);
        var rows = slow.Body.GetProperty("data").EnumerateArray().ToList();
        rows.Count.ShouldBe(59, "the minutes starting after 11:00:00.2 and ending by 12:00:00.2");
        var first = new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = sim.Feed.CandleAt("EURUSD_otc", first.AddMinutes(i + 1), TimeSpan.FromMinutes(1));
            rows[i].GetProperty("symbol_id").GetInt32().ShouldBe(66);
            rows[i].GetProperty("time").GetDecimal().ShouldBe(Seconds(expected.Time));
            rows[i].GetProperty("open").GetDecimal().ShouldBe(expected.Open);
            rows[i].GetProperty("close").GetDecimal().ShouldBe(expected.Close);
            rows[i].GetProperty("high").GetDecimal().ShouldBe(expected.High);
            rows[i].GetProperty("low").GetDecimal().ShouldBe(expected.Low);
            rows[i].GetProperty("volume").GetInt32().ShouldBe(120);
        }

        var fast = await client.NextAsync();
        fast.Name.ShouldBe("loadHistoryPeriodFast");
        fast.Body.GetProperty("index").GetInt64().ShouldBe(18);
        fast.Body.GetProperty("data").GetArrayLength().ShouldBe(11, "the 5-second candles starting after 11:59:00.2 and ending by 12:00:00");
    }

    [Fact]
    public async Task A_client_that_leaves_leaves_no_timer_behind()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        var client = await SimulatorClient.LoginAsync(sim);
        var before = clock.ActiveTimerCount;
        await client.EmitAsync("subfor", "\"EURUSD_otc\"");
        await SyncAsync(client);
        clock.ActiveTimerCount.ShouldBe(before + 1, "one stream timer for the session");

        await client.DisposeAsync();

        await clock.WaitForActiveTimersAsync(0, SafetyNet.NetworkLimit);
    }

    [Fact]
    public async Task A_deep_history_request_is_capped_to_the_newest_candles()
    {
        var (sim, clock) = await StartAsync();
        await using var _ = sim;
        await using var client = await SimulatorClient.LoginAsync(sim);

        // A year of 1-second candles: far over the cap.
        await client.EmitAsync("loadHistoryPeriod", $$"""{"asset":"EURUSD_otc","period":1,"time":{{Seconds(clock.GetUtcNow())}},"index":1,"offset":31536000}""");

        var data = (await client.NextEventAsync("loadHistoryPeriod")).Body.GetProperty("data").EnumerateArray().ToList();
        data.Count.ShouldBe(10_000);
        data[^1].GetProperty("time").GetDecimal().ShouldBe(Seconds(new DateTimeOffset(2026, 12, 1, 11, 59, 59, TimeSpan.Zero)), "the newest are kept");
    }
}
