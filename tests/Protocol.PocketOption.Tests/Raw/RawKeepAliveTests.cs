using Protocol.PocketOption.Tests.Support;
using Protocol.Testing;

namespace Protocol.PocketOption.Tests.Raw;

// The reference client's raw keep-alive was never replayed (its reconnect read a list nothing wrote); here it follows every login.
public sealed class RawKeepAliveTests
{
    private const string Watch = """42["watchlist",{"asset":"EURUSD_otc"}]""";

    [Fact]
    public async Task A_raw_keep_alive_follows_every_login_before_the_burst_and_repeats_while_ready()
    {
        await using var h = new FacadeHarness();
        await using var keepAlive = h.Client.Raw.AddKeepAlive(OutgoingMessage.Text(Watch), TimeSpan.FromSeconds(10));
        var connecting = h.Client.ConnectAsync();
        var first = await h.Transport.NextConnectionAsync();
        await h.LoginAsync(first, "> " + Watch);
        await connecting.WithSafetyNet();

        // 10 s: before the platform's own 42["ps"] (every 20 s), so the next frame is the keep-alive.
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        (await first.NextSentAsync()).Text.ShouldBe(Watch);

        var second = await h.ReconnectAsync(first, "> " + Watch);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        (await second.NextSentAsync()).Text.ShouldBe(Watch);

        // Counted after its send returns, on the loop's thread: the frame on the wire does not prove the count yet. The
        // client's disposal waits for the loops, so every send is counted once it returns.
        await h.Client.DisposeAsync().AsTask().WithSafetyNet();
        keepAlive.SentCount.ShouldBe(4);
        first.Sent.Count(s => s.Text == Watch).ShouldBe(2);
    }

    [Fact]
    public async Task Nothing_is_sent_by_a_raw_keep_alive_after_the_clients_DisposeAsync_returned()
    {
        var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        var keepAlive = h.Client.Raw.AddKeepAlive(OutgoingMessage.Text(Watch), TimeSpan.FromSeconds(10));
        (await connection.NextSentAsync()).Text.ShouldBe(Watch, "added while Ready, it goes out at once");

        await h.DisposeAsync().AsTask().WithSafetyNet();

        var sent = connection.Sent.Count;
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        connection.Sent.Count.ShouldBe(sent);
        keepAlive.SentCount.ShouldBe(1);
        keepAlive.FailedCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_message_only_a_raw_handler_matches_is_not_reported_as_an_unknown_event()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        await using var handler = h.Client.Raw.OpenChannel(Validator.StartsWith("42[\"customPush\""));

        connection.PushText("""42["customPush",{"n":1}]""");
        connection.PushText("""42["nobodyAsked",{"n":2}]""");
        (await handler.WaitNextAsync(TimeSpan.FromSeconds(5)).WithSafetyNet()).Name.ShouldBe("customPush");

        var unknown = h.Logs.All.Where(e => e.EventId.Id == 22).Select(e => e.Message).ToList();
        unknown.ShouldNotContain(m => m.Contains("'customPush'"));
        unknown.ShouldContain(m => m.Contains("'nobodyAsked'"));
    }
}
