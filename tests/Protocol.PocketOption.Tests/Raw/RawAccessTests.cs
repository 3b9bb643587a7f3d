using Protocol.PocketOption.Tests.Support;
using Protocol.Testing;

namespace Protocol.PocketOption.Tests.Raw;

// The escape hatch for events this client does not declare.
public sealed class RawAccessTests
{
    [Fact]
    public async Task A_raw_handler_sends_and_waits_for_its_match_and_skips_the_others()
    {
        await using var h = new FacadeHarness();
        var connection = await h.ConnectAsync();
        await using var handler = h.Client.Raw.OpenChannel(Validator.StartsWith("42[\"customAnswer\"") | Validator.Contains("\"customPush\""));

        var answer = handler.SendAndWaitAsync(OutgoingMessage.Text("""42["customAsk",{"n":1}]"""), TimeSpan.FromSeconds(5));
        (await connection.NextSentAsync()).Text.ShouldBe("""42["customAsk",{"n":1}]""");
        connection.PushText("""42["somethingElse",{}]""");
        connection.PushText("""42["customAnswer",{"n":2}]""");
        var received = await answer.WithSafetyNet();
        received.Name.ShouldBe("customAnswer");
        received.Text.ShouldBe("""42["customAnswer",{"n":2}]""");

        // A message the validator does not match (declared or not) is skipped; the next match is returned.
        var balance = handler.WaitNextAsync(TimeSpan.FromSeconds(5));
        connection.PushText("""42["successupdateBalance",{"balance":3}]""");
        connection.PushText("""42["customPush",{"n":3}]""");
        (await balance.WithSafetyNet()).Name.ShouldBe("customPush");
        h.Client.State.Balance.ShouldBe(3m);
    }
}
