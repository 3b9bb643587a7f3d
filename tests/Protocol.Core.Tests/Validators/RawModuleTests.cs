using Protocol.Testing;
using Protocol.Core.Tests.Support;

namespace Protocol.Core.Tests.Validators;

public sealed class RawModuleTests
{
    [Fact]
    public async Task Send_and_wait_returns_the_next_match_after_the_send()
    {
        await using var h = new Harness(configure: b => b.AddRawModule());
        var connection = await h.ConnectReadyAsync();
        var raw = h.Client.GetApi<RawApi>();
        await using var handler = raw.OpenChannel(Validator.Contains("\"quote\""));

        connection.PushText("""{"action":"quote","stale":true}""");
        var answer = handler.SendAndWaitAsync(OutgoingMessage.Text("""{"action":"getQuote"}"""), TimeSpan.FromSeconds(5));
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"getQuote"}""");
        connection.PushText("""{"action":"other"}""");
        connection.PushText("""{"action":"quote","price":1.5}""");

        var match = await answer.WaitAsync(TimeSpan.FromSeconds(5));
        match.Text.ShouldBe("""{"action":"quote","price":1.5}""");
        match.Name.ShouldBe("quote");
    }

    [Fact]
    public async Task Waiting_times_out_on_the_fake_clock()
    {
        await using var h = new Harness(configure: b => b.AddRawModule());
        await h.ConnectReadyAsync();
        await using var handler = h.Client.GetApi<RawApi>().OpenChannel(Validator.StartsWith("never"));
        var wait = handler.WaitNextAsync(TimeSpan.FromSeconds(2));
        h.Time.Advance(TimeSpan.FromSeconds(2));
        (await Should.ThrowAsync<TimeoutException>(wait)).Message.ShouldContain("StartsWith(\"never\")");
    }

    [Fact]
    public async Task A_wait_that_timed_out_leaves_nothing_behind_so_the_next_match_reaches_the_next_wait()
    {
        await using var h = new Harness(configure: b => b.AddRawModule());
        var connection = await h.ConnectReadyAsync();
        await using var handler = h.Client.GetApi<RawApi>().OpenChannel(Validator.Contains("\"quote\""));
        var first = handler.WaitNextAsync(TimeSpan.FromSeconds(2));
        h.Time.Advance(TimeSpan.FromSeconds(2));
        await Should.ThrowAsync<TimeoutException>(first);
        h.Time.ActiveTimerCount.ShouldBe(0, "the timed-out wait's bound is gone with it");

        // The timed-out wait's read was withdrawn: it does not take this match from the next wait.
        connection.PushText("""{"action":"quote","price":1.5}""");
        (await handler.WaitNextAsync(TimeSpan.FromSeconds(2)).WithSafetyNet()).Text.ShouldBe("""{"action":"quote","price":1.5}""");
        handler.DroppedCount.ShouldBe(0);
    }

    [Fact]
    public async Task Streams_matches_and_removing_the_handler_ends_the_stream()
    {
        await using var h = new Harness(configure: b => b.AddRawModule());
        var connection = await h.ConnectReadyAsync();
        var raw = h.Client.GetApi<RawApi>();
        var handler = raw.OpenChannel(Validator.Contains("tick"));
        raw.ChannelCount.ShouldBe(1);
        var streamed = Task.Run(async () =>
        {
            var texts = new List<string>();
            await foreach (var message in handler.StreamAsync())
            {
                texts.Add(message.Name);
            }

            return texts;
        });

        connection.PushText("""{"action":"tick","v":1}""");
        connection.PushText("""{"action":"nope"}""");
        connection.PushText("""{"action":"tick","v":2}""");
        await handler.DisposeAsync();

        (await streamed.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(["tick", "tick"]);
        raw.ChannelCount.ShouldBe(0);
        await Should.ThrowAsync<ObjectDisposedException>(() => handler.WaitNextAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task An_unread_handler_drops_its_oldest_matches_and_counts_them()
    {
        await using var h = new Harness(configure: b => b.AddRawModule());
        var connection = await h.ConnectReadyAsync();
        await using var handler = h.Client.GetApi<RawApi>().OpenChannel(Validator.Always, capacity: 2);
        for (var i = 0; i < 5; i++)
        {
            connection.PushText($$"""{"action":"m{{i}}"}""");
        }

        handler.DroppedCount.ShouldBe(3);
        (await handler.WaitNextAsync(TimeSpan.FromSeconds(1))).Name.ShouldBe("m3");
    }
}
