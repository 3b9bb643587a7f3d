using Protocol.Core.Tests.Support;

namespace Protocol.Core.Tests.Routing;

// A message nothing declares is protocol drift, unless a raw handler matched it: then someone asked for it.
public sealed class RawMatchUnknownTests
{
    [Fact]
    public async Task A_message_only_a_raw_handler_matched_is_not_counted_or_logged_as_unknown()
    {
        var name = TelemetryCapture.UniqueName("rawclaim");
        using var capture = new TelemetryCapture(name);
        var seen = 0;
        await using var h = new Harness(b => b.WithName(name).AddRawModule().AddLightweightHandler("count", (_, _) => seen++));
        var connection = await h.ConnectReadyAsync();
        await using var channel = h.Client.GetApi<RawApi>().OpenChannel(Validator.Contains("\"rawOnly\""));

        connection.PushText("""{"action":"rawOnly","v":1}""");
        connection.PushText("""{"action":"rawOnly","v":2}""");
        connection.PushText("""{"action":"nobody"}""");

        (await channel.WaitNextAsync(TimeSpan.FromSeconds(1))).Name.ShouldBe("rawOnly");
        var router = h.Client.Runner.Router;
        router.UnknownCount("rawOnly").ShouldBe(0);

        // A handler that cannot say whether it matched (it saw all three) takes nothing away from the report.
        router.UnknownCount("nobody").ShouldBe(1);
        seen.ShouldBeGreaterThanOrEqualTo(3);
        var logged = h.Logs.All.Where(e => e.EventId.Id == 22).Select(e => e.Message).ToList();
        logged.ShouldNotContain(m => m.Contains("'rawOnly'"));
        logged.ShouldContain(m => m.Contains("'nobody'"));
        var dropped = capture.Of("protocol.dropped", name).Where(m => m.Tags[ProtocolTelemetry.DropReasonTag] == "unknown").ToList();
        dropped.ShouldNotContain(m => m.Tags[ProtocolTelemetry.MessageNameTag] == "rawOnly");
        dropped.ShouldContain(m => m.Tags[ProtocolTelemetry.MessageNameTag] == "nobody");
    }

    [Fact]
    public async Task A_lightweight_matcher_that_says_it_matched_keeps_the_message_out_of_the_unknown_report()
    {
        await using var h = new Harness(b => b.AddLightweightMatcher("claims", (message, _) => message.Name.SequenceEqual("claimed"u8)));
        var connection = await h.ConnectReadyAsync();

        connection.PushText("""{"action":"claimed"}""");
        connection.PushText("""{"action":"unclaimed"}""");

        h.Client.Runner.Router.UnknownCount("claimed").ShouldBe(0);
        h.Client.Runner.Router.UnknownCount("unclaimed").ShouldBe(1);
    }
}
