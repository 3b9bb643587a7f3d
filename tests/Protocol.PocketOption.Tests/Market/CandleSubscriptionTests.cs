using Protocol.PocketOption.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Scripts;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Tests.Market;

// SubscribeAsync over the keyed tick stream: changeSymbol + subfor once per asset, candles per subscription, resume visible.
public sealed class CandleSubscriptionTests
{
    private static string Tick(string asset, double seconds, decimal price)
        => FormattableString.Invariant($"42[\"updateStream\",[[\"{asset}\",{seconds},{price}]]]");

    [Fact]
    public async Task Two_subscriptions_of_an_asset_start_it_once_and_each_aggregates_its_own_way()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();

        await using var everyTick = await h.Client.SubscribeAsync("AUDCAD_otc", SubscriptionMode.None).WithSafetyNet();
        await ScriptedExchange.Parse("""
            > 42["changeSymbol",{"asset":"AUDCAD_otc","period":60}]
            > 42["subfor","AUDCAD_otc"]
            """).RunAsync(connection);
        await using var chunks = await h.Client.SubscribeAsync("AUDCAD_otc", SubscriptionMode.Chunk(3)).WithSafetyNet();
        var sentBefore = connection.Sent.Count;

        connection.PushText(Tick("AUDCAD_otc", 1770856131, 1.10m));
        connection.PushText(Tick("EURUSD_otc", 1770856131, 9.99m));   // another asset: not delivered
        connection.PushText("""451-["updateStream",{"_placeholder":true,"num":0}]""");
        connection.PushBinary("""[["AUDCAD_otc",1770856132000,1.12]]"""u8);
        connection.PushText(Tick("AUDCAD_otc", 1770856133.5, 1.08m));

        await using var ticks = everyTick.GetAsyncEnumerator();
        var prices = new List<decimal>();
        for (var i = 0; i < 3; i++)
        {
            (await ticks.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
            prices.Add(ticks.Current.Close);
        }

        prices.ShouldBe([1.10m, 1.12m, 1.08m]);
        await using var chunked = chunks.GetAsyncEnumerator();
        (await chunked.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        chunked.Current.ShouldBe(new Candle(DateTimeOffset.FromUnixTimeSeconds(1770856131), 1.10m, 1.12m, 1.08m, 1.08m));
        connection.Sent.Count.ShouldBe(sentBefore, "the second subscriber of an asset sends nothing");
    }

    [Fact]
    public async Task Disposing_one_subscription_ends_only_it()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var first = await h.Client.SubscribeAsync("AUDCAD_otc", SubscriptionMode.None).WithSafetyNet();
        await using var second = await h.Client.SubscribeAsync("AUDCAD_otc", SubscriptionMode.None).WithSafetyNet();
        await first.DisposeAsync();

        connection.PushText(Tick("AUDCAD_otc", 1770856131, 1.10m));
        await using var remaining = second.GetAsyncEnumerator();
        (await remaining.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        remaining.Current.Close.ShouldBe(1.10m);
        await using var ended = first.GetAsyncEnumerator();
        (await ended.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeFalse();
    }

    [Fact]
    public async Task After_a_reconnect_the_asset_is_started_again_before_Ready_and_the_gap_is_visible()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        await using var candles = await h.Client.SubscribeAsync("AUDCAD_otc", SubscriptionMode.Chunk(2)).WithSafetyNet();
        var resumed = 0;
        candles.Resumed += (_, _) => resumed++;
        await using var items = candles.GetAsyncEnumerator();

        // Half a candle before the drop: it must not be completed by a tick of the next session.
        connection.PushText(Tick("AUDCAD_otc", 1770856131, 1.50m));
        var next = await h.ReconnectAsync(connection, """
            > 42["changeSymbol",{"asset":"AUDCAD_otc","period":60}]
            > 42["subfor","AUDCAD_otc"]
            """);
        candles.ResumeCount.ShouldBe(1);
        resumed.ShouldBe(1);

        next.PushText(Tick("AUDCAD_otc", 1770856200, 1.20m));
        next.PushText(Tick("AUDCAD_otc", 1770856201, 1.30m));
        (await items.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeTrue();
        items.Current.ShouldBe(new Candle(DateTimeOffset.FromUnixTimeSeconds(1770856200), 1.20m, 1.30m, 1.20m, 1.30m));
    }
}
