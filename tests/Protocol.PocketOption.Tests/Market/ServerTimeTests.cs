using Protocol.PocketOption.Tests.Support;

namespace Protocol.PocketOption.Tests.Market;

// The server clock of pocketoption.md §4 (ServerTimeModule): offset from each tick's time, stale after 30 s without one.
public sealed class ServerTimeTests
{
    [Fact]
    public async Task Ticks_set_the_offset_and_30_seconds_without_one_make_it_stale()
    {
        await using var h = new PocketHarness();
        var connection = await h.LoginAsync();
        h.State.ServerTime.Read(h.Clock).IsKnown.ShouldBeFalse();

        // The server is 2.5 s ahead of the local clock; the tick arrives two-step with its time in seconds.
        var serverNow = h.Clock.GetUtcNow() + TimeSpan.FromSeconds(2.5);
        connection.PushText("""451-["updateStream",{"_placeholder":true,"num":0}]""");
        connection.PushBinary(System.Text.Encoding.UTF8.GetBytes($"[[\"EURUSD_otc\",{serverNow.ToUnixTimeMilliseconds() / 1000m},1.19537]]"));

        var reading = h.State.ServerTime.Read(h.Clock);
        reading.IsKnown.ShouldBeTrue();
        reading.IsStale.ShouldBeFalse();
        reading.Offset.ShouldBe(TimeSpan.FromSeconds(2.5));
        reading.Now.ShouldBe(serverNow);

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        h.State.ServerTime.Read(h.Clock).IsStale.ShouldBeFalse();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var stale = h.State.ServerTime.Read(h.Clock);
        stale.IsStale.ShouldBeTrue();
        stale.Now.ShouldBe(serverNow + TimeSpan.FromSeconds(31), "a stale offset still estimates the time");

        // A one-step tick with the time in milliseconds refreshes it.
        connection.PushText($"42[\"updateStream\",[[\"EURUSD_otc\",{(h.Clock.GetUtcNow() - TimeSpan.FromSeconds(1)).ToUnixTimeMilliseconds()},1.2]]]");
        var fresh = h.State.ServerTime.Read(h.Clock);
        fresh.IsStale.ShouldBeFalse();
        fresh.Offset.ShouldBe(TimeSpan.FromSeconds(-1));
    }
}
