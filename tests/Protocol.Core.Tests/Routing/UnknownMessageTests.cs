using Protocol.Core.Tests.Support;

namespace Protocol.Core.Tests.Routing;

// A message that no declaration and no rule module takes is protocol drift: counted per name and logged without flooding.
public sealed class UnknownMessageTests
{
    [Fact]
    public async Task An_undeclared_name_is_counted_per_name_and_logged_on_the_first_second_and_fourth_sighting()
    {
        var name = TelemetryCapture.UniqueName("unknown");
        using var capture = new TelemetryCapture(name);
        await using var h = new Harness(b => b.WithName(name));
        var connection = await h.ConnectReadyAsync();

        for (var i = 0; i < 5; i++)
        {
            connection.PushText("""{"action":"brandNew","secret":"never logged"}""");
        }

        connection.PushText("""{"action":"otherNew"}""");
        connection.PushText("""{"action":"pong","v":1}""");   // taken by the ping module's rule: not unknown

        // The test login's loginOk is declared by no module either, so it is reported too (a platform declares its login answer).
        var logged = h.Logs.All.Where(e => e.EventId.Id == 22).Select(e => e.Message).Where(m => !m.Contains("'loginOk'")).ToList();
        logged.Count.ShouldBe(4, string.Join(Environment.NewLine, logged));
        logged.Where(m => m.Contains("'brandNew'")).Select(m => m[m.IndexOf('(')..m.IndexOf(')')]).ShouldBe(["(1 so far", "(2 so far", "(4 so far"]);
        logged.ShouldContain(m => m.Contains("'otherNew'") && m.Contains("(1 so far)"));
        logged.ShouldAllBe(m => !m.Contains("never logged"));

        var dropped = capture.Of("protocol.dropped", name).Where(m => m.Tags[ProtocolTelemetry.DropReasonTag] == "unknown").ToList();
        dropped.Where(m => m.Tags[ProtocolTelemetry.MessageNameTag] == "brandNew").Sum(m => m.Value).ShouldBe(5);
        dropped.Where(m => m.Tags[ProtocolTelemetry.MessageNameTag] == "otherNew").Sum(m => m.Value).ShouldBe(1);
        dropped.ShouldNotContain(m => m.Tags[ProtocolTelemetry.MessageNameTag] == "pong");
    }
}
