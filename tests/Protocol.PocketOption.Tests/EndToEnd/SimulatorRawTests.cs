using System.Text;
using Protocol.Testing;

namespace Protocol.PocketOption.Tests.EndToEnd;

// The raw escape hatch against the simulator over real WebSockets: a frame the user writes by hand reaches the server, and
// its answer (sent two-step, as the real server does) comes back through a validator with its attachment.
public sealed class SimulatorRawTests
{
    private static readonly TimeSpan Net = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_hand_written_frame_is_answered_and_the_answer_reaches_the_raw_channel_with_its_attachment()
    {
        await using var h = await SimulatorHarness.StartAsync(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        await h.Client.ConnectAsync().WithSafetyNet(Net);
        await h.Client.GetBalanceAsync().WithSafetyNet(Net);   // the login's own answer is in: the channel sees only ours
        await using var balances = h.Client.Raw.OpenChannel(Validator.Contains("\"successupdateBalance\""));

        var answer = await balances.SendAndWaitAsync(OutgoingMessage.Text("42[\"getBalance\"]"), TimeSpan.FromSeconds(10)).WithSafetyNet(Net);

        answer.Name.ShouldBe("successupdateBalance");
        var body = answer.Attachments.Count > 0 ? Encoding.UTF8.GetString(answer.Attachments[0]) : answer.Text;
        body.ShouldContain("\"balance\":");
        decimal.Parse(body[(body.IndexOf("\"balance\":", StringComparison.Ordinal) + 10)..].Split(',', '}')[0], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(h.Simulator.Options.DemoBalance);
        h.Sent.CountEvent("getBalance").ShouldBeGreaterThanOrEqualTo(2, "the login's own request and the hand-written one");
    }
}
