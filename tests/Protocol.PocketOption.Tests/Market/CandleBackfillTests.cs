using System.Text.Json;
using Protocol.PocketOption.Market;
using Protocol.PocketOption.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Tests.Market;

// BackfillOnResume (#11): after a reconnect the gap's candles come from loadHistoryPeriod, oldest first and flagged, before
// live candles resume; none twice, none across the gap; a failed history request ends the enumeration with a typed error.
public sealed class CandleBackfillTests
{
    private const string Asset = "AUDCAD_otc";
    private const string Replay = """
        > 42["changeSymbol",{"asset":"AUDCAD_otc","period":60}]
        > 42["subfor","AUDCAD_otc"]
        """;

    // The fake clock's now, 2026-02-12 10:00:30 UTC, on a 5 s boundary.
    private static readonly long B = new DateTimeOffset(2026, 2, 12, 10, 0, 30, TimeSpan.Zero).ToUnixTimeSeconds();

    private static readonly CandleSubscriptionOptions Backfill = new() { BackfillOnResume = true, BackfillTimeout = TimeSpan.FromSeconds(2) };

    private static string Tick(long seconds, decimal price)
        => FormattableString.Invariant($"42[\"updateStream\",[[\"{Asset}\",{seconds},{price}]]]");

    private static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    private static async Task<JsonElement> NextHistoryRequestAsync(FakeConnection connection)
    {
        while (true)
        {
            var sent = await connection.NextSentAsync();
            if (!sent.Text.StartsWith("""42["loadHistoryPeriod",""", StringComparison.Ordinal))
            {
                continue; // the keep-alive or the post-login burst
            }

            using var json = JsonDocument.Parse(sent.Text[2..]);
            return json.RootElement[1].Clone();
        }
    }

    // History candle k of the answer: open 1 + k/100, so each one is told apart.
    private static string Answer(long index, params long[] starts)
        => FormattableString.Invariant($$"""42["loadHistoryPeriodFast",{"asset":"{{Asset}}","index":{{index}},"period":5,"data":[{{string.Join(',', starts.Select(s => FormattableString.Invariant($$"""{"symbol_id":1,"time":{{s}},"open":{{1 + ((s - B) / 100m)}},"close":1.2,"high":1.3,"low":1.0,"volume":10}""")))}}]}]""");

    [Fact]
    public async Task After_a_reconnect_the_gap_comes_from_history_oldest_first_flagged_then_live_candles_resume()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        await using var candles = await h.Client.SubscribeAsync(Asset, SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5)), Backfill).WithSafetyNet();
        await using var items = candles.ReadWithOriginAsync().GetAsyncEnumerator();

        connection.PushText(Tick(B + 1, 1.50m));
        connection.PushText(Tick(B + 6, 1.60m));   // completes the live candle of [B, B+5)
        connection.PushText(Tick(B + 7, 1.70m));   // the candle of [B+5, B+10) is in progress when the link drops
        (await items.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        items.Current.ShouldBe(new SubscribedCandle(new Candle(At(B), 1.50m, 1.50m, 1.50m, 1.50m), IsBackfill: false));

        var next = await h.ReconnectAsync(connection, Replay);
        next.PushText(Tick(B + 31, 1.90m));        // the new session's first tick, in the window [B+30, B+35)
        var reading = items.MoveNextAsync().AsTask();

        var request = await NextHistoryRequestAsync(next).WithSafetyNet();
        (request.GetProperty("asset").GetString(), request.GetProperty("period").GetInt64(), request.GetProperty("time").GetInt64())
            .ShouldBe((Asset, 5L, B + 30), "the gap ends where the first live window starts");
        request.GetProperty("offset").GetInt64().ShouldBeGreaterThanOrEqualTo(25, "it reaches back to the first candle not given out");

        // The server also sends the candle already given out live (B): it must not come twice.
        next.PushText(Answer(request.GetProperty("index").GetInt64(), B, B + 5, B + 10, B + 15, B + 20, B + 25));
        var backfilled = new List<SubscribedCandle>();
        (await reading.WithSafetyNet()).ShouldBeTrue();
        backfilled.Add(items.Current);
        for (var i = 0; i < 4; i++)
        {
            (await items.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
            backfilled.Add(items.Current);
        }

        backfilled.ShouldAllBe(c => c.IsBackfill);
        backfilled.Select(c => c.Candle.Time).ShouldBe([At(B + 5), At(B + 10), At(B + 15), At(B + 20), At(B + 25)]);
        backfilled[0].Candle.ShouldBe(new Candle(At(B + 5), 1.05m, 1.3m, 1.0m, 1.2m, 10));
        candles.BackfilledCount.ShouldBe(5);

        next.PushText(Tick(B + 36, 2.00m));
        (await items.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        items.Current.ShouldBe(new SubscribedCandle(new Candle(At(B + 30), 1.90m, 1.90m, 1.90m, 1.90m), IsBackfill: false),
            "live candles resume with the first window of the new session, built from its ticks only");
        candles.BackfilledCount.ShouldBe(5);
    }

    [Fact]
    public async Task In_time_mode_the_gap_starts_at_the_window_after_the_last_closing_tick_and_live_candles_follow()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        await using var candles = await h.Client.SubscribeAsync(Asset, SubscriptionMode.Time(TimeSpan.FromSeconds(5)), Backfill).WithSafetyNet();
        await using var items = candles.ReadWithOriginAsync().GetAsyncEnumerator();
        connection.PushText(Tick(B + 1, 1.50m));
        connection.PushText(Tick(B + 7, 1.60m));   // closes the live candle B+1..B+7: [B+5, B+10) holds ticks already given out
        (await items.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        items.Current.ShouldBe(new SubscribedCandle(new Candle(At(B + 1), 1.50m, 1.60m, 1.50m, 1.60m), IsBackfill: false));

        var next = await h.ReconnectAsync(connection, Replay);
        next.PushText(Tick(B + 22, 1.90m));
        var reading = items.MoveNextAsync().AsTask();
        var request = await NextHistoryRequestAsync(next).WithSafetyNet();
        request.GetProperty("time").GetInt64().ShouldBe(B + 20);
        next.PushText(Answer(request.GetProperty("index").GetInt64(), B + 5, B + 10, B + 15));

        (await reading.WithSafetyNet()).ShouldBeTrue();
        items.Current.ShouldBe(new SubscribedCandle(new Candle(At(B + 10), 1.10m, 1.3m, 1.0m, 1.2m, 10), IsBackfill: true));
        (await items.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        items.Current.Candle.Time.ShouldBe(At(B + 15));
        next.PushText(Tick(B + 27, 2.00m));
        (await items.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        items.Current.ShouldBe(new SubscribedCandle(new Candle(At(B + 22), 1.90m, 2.00m, 1.90m, 2.00m), IsBackfill: false));
        candles.BackfilledCount.ShouldBe(2);
    }

    [Fact]
    public async Task A_history_request_that_times_out_ends_the_enumeration_with_a_typed_error()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        await using var candles = await h.Client.SubscribeAsync(Asset, SubscriptionMode.Time(TimeSpan.FromSeconds(5)), Backfill).WithSafetyNet();
        await using var items = candles.GetAsyncEnumerator();
        connection.PushText(Tick(B + 1, 1.50m));
        connection.PushText(Tick(B + 7, 1.60m));   // a time candle from B+1 to B+7: the gap starts at the window after B+7
        (await items.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();

        var next = await h.ReconnectAsync(connection, Replay);
        next.PushText(Tick(B + 42, 1.90m));
        var reading = items.MoveNextAsync().AsTask();
        var request = await NextHistoryRequestAsync(next).WithSafetyNet();
        request.GetProperty("time").GetInt64().ShouldBe(B + 40);
        h.Clock.Advance(TimeSpan.FromSeconds(2));

        var error = await Should.ThrowAsync<CandleBackfillException>(reading.WithSafetyNet());
        (error.Asset, error.From, error.Until).ShouldBe((Asset, At(B + 10), At(B + 40)));
        error.InnerException.ShouldBeAssignableTo<TimeoutException>();
        error.Message.ShouldContain("subscribe again");
        candles.BackfilledCount.ShouldBe(0);
    }

    [Fact]
    public async Task Without_backfill_nothing_is_asked_of_history_after_a_reconnect()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        await using var candles = await h.Client.SubscribeAsync(Asset, SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5))).WithSafetyNet();
        await using var items = candles.ReadWithOriginAsync().GetAsyncEnumerator();
        connection.PushText(Tick(B + 1, 1.50m));
        connection.PushText(Tick(B + 6, 1.60m));
        (await items.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();

        var next = await h.ReconnectAsync(connection, Replay);
        var sent = next.Sent.Count;
        next.PushText(Tick(B + 31, 1.90m));
        next.PushText(Tick(B + 36, 2.00m));

        (await items.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        items.Current.ShouldBe(new SubscribedCandle(new Candle(At(B + 30), 1.90m, 1.90m, 1.90m, 1.90m), IsBackfill: false));
        next.Sent.Skip(sent).ShouldNotContain(f => f.Text.Contains("loadHistoryPeriod", StringComparison.Ordinal));
        candles.BackfillsOnResume.ShouldBeFalse();
    }

    [Theory]
    [InlineData("none")]
    [InlineData("chunk")]
    [InlineData("fraction")]
    public async Task Backfill_is_refused_for_a_mode_without_a_whole_second_period(string kind)
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var sent = connection.Sent.Count;
        var mode = kind switch
        {
            "none" => SubscriptionMode.None,
            "chunk" => SubscriptionMode.Chunk(3),
            _ => SubscriptionMode.Time(TimeSpan.FromMilliseconds(1500)),
        };

        var error = await Should.ThrowAsync<ArgumentException>(h.Client.SubscribeAsync(Asset, mode, Backfill));
        error.Message.ShouldContain("BackfillOnResume");
        connection.Sent.Count.ShouldBe(sent, "nothing is started");
    }
}
