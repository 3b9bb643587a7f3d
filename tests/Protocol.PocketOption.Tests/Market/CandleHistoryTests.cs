using System.Text.Json;
using Protocol.PocketOption.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Tests.Market;

// GetCandlesAsync over loadHistoryPeriod: index correlation, backwards paging, concurrent calls, timeouts.
public sealed class CandleHistoryTests
{
    // The fake clock's now: 2026-02-12 10:00:30 UTC.
    private static readonly long Now = new DateTimeOffset(2026, 2, 12, 10, 0, 30, TimeSpan.Zero).ToUnixTimeSeconds();

    private static async Task<JsonElement> NextRequestAsync(FakeConnection connection)
    {
        var sent = await connection.NextSentAsync();
        sent.Text.ShouldStartWith("""42["loadHistoryPeriod",""");
        using var json = JsonDocument.Parse(sent.Text[2..]);
        return json.RootElement[1].Clone();
    }

    private static string Answer(long index, params long[] starts)
        => FormattableString.Invariant($$"""42["loadHistoryPeriodFast",{"asset":"EURUSD_otc","index":{{index}},"period":60,"data":[{{string.Join(',', starts.Select(s => FormattableString.Invariant($$"""{"symbol_id":1,"time":{{s}},"open":1.1,"close":1.2,"high":1.3,"low":1.0}""")))}}]}]""");

    [Fact]
    public async Task History_pages_backwards_until_it_has_the_count_and_returns_oldest_first()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var call = h.Client.GetCandlesAsync("EURUSD_otc", TimeSpan.FromMinutes(1), 3);

        var first = await NextRequestAsync(connection);
        first.GetProperty("asset").GetString().ShouldBe("EURUSD_otc");
        first.GetProperty("period").GetInt64().ShouldBe(60);
        first.GetProperty("time").GetInt64().ShouldBe(Now);
        first.GetProperty("offset").GetInt64().ShouldBe(240);
        var minute = Now - 30;   // 10:00:00, the unfinished candle's start
        connection.PushText(Answer(first.GetProperty("index").GetInt64(), minute - 120, minute - 60));

        var second = await NextRequestAsync(connection);
        second.GetProperty("time").GetInt64().ShouldBe(minute - 120, "the next page ends at the oldest candle received");
        second.GetProperty("index").GetInt64().ShouldNotBe(first.GetProperty("index").GetInt64());
        second.GetProperty("offset").GetInt64().ShouldBe(120);
        connection.PushText(Answer(second.GetProperty("index").GetInt64(), minute - 180));

        var candles = await call.WithSafetyNet();
        candles.Select(c => c.Time.ToUnixTimeSeconds()).ShouldBe([minute - 180, minute - 120, minute - 60]);
        candles[0].ShouldBe(new Candle(DateTimeOffset.FromUnixTimeSeconds(minute - 180), 1.1m, 1.3m, 1.0m, 1.2m));
    }

    [Fact]
    public async Task Tick_rows_are_bucketed_into_candles_and_an_empty_page_ends_the_paging()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var call = h.Client.GetCandlesAsync("EURUSD_otc", TimeSpan.FromMinutes(1), 5);
        var first = await NextRequestAsync(connection);
        var minute = Now - 30;
        connection.PushText(FormattableString.Invariant($$"""42["loadHistoryPeriod",{"index":{{first.GetProperty("index").GetInt64()}},"data":[{"time":{{minute - 60}},"price":1.5},{"time":{{minute - 59.5}},"price":1.7},{"time":{{minute - 1}},"price":1.4}]}]"""));
        var second = await NextRequestAsync(connection);
        connection.PushText(Answer(second.GetProperty("index").GetInt64()));

        var candle = (await call.WithSafetyNet()).ShouldHaveSingleItem();
        candle.ShouldBe(new Candle(DateTimeOffset.FromUnixTimeSeconds(minute - 60), 1.5m, 1.7m, 1.4m, 1.4m));
    }

    [Fact]
    public async Task Concurrent_calls_each_get_their_own_answer_whatever_the_order()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var one = h.Client.GetCandlesAsync("EURUSD_otc", TimeSpan.FromMinutes(1), 1);
        var two = h.Client.GetCandlesAsync("EURUSD_otc", TimeSpan.FromMinutes(1), 1);
        var a = await NextRequestAsync(connection);
        var b = await NextRequestAsync(connection);
        var minute = Now - 30;

        // Answered in reverse order, each with a different candle.
        connection.PushText(Answer(b.GetProperty("index").GetInt64(), minute - 120));
        connection.PushText(Answer(a.GetProperty("index").GetInt64(), minute - 60));
        var times = new[] { (await one.WithSafetyNet()).Single().Time, (await two.WithSafetyNet()).Single().Time };
        var byRequest = new Dictionary<long, DateTimeOffset>
        {
            [a.GetProperty("index").GetInt64()] = DateTimeOffset.FromUnixTimeSeconds(minute - 60),
            [b.GetProperty("index").GetInt64()] = DateTimeOffset.FromUnixTimeSeconds(minute - 120),
        };
        times.ShouldBe(byRequest.OrderBy(p => p.Key).Select(p => p.Value).ToArray(), ignoreOrder: true);
        times.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task An_unanswered_page_times_out_on_the_clients_clock()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var call = h.Client.GetCandlesAsync("EURUSD_otc", TimeSpan.FromMinutes(1), 3, TimeSpan.FromSeconds(5));
        await NextRequestAsync(connection);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var error = await Should.ThrowAsync<Exception>(call.WithSafetyNet());
        error.ShouldBeAssignableTo<TimeoutException>();
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1.5, 10)]
    [InlineData(60, 0)]
    [InlineData(60, 10_001)]
    public async Task Bad_arguments_are_refused_before_anything_is_sent(double periodSeconds, int count)
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var sent = connection.Sent.Count;
        await Should.ThrowAsync<ArgumentOutOfRangeException>(h.Client.GetCandlesAsync("EURUSD_otc", TimeSpan.FromSeconds(periodSeconds), count));
        connection.Sent.Count.ShouldBe(sent);
    }
}
