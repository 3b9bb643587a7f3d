using Protocol.Core.Tests.Support;
using Protocol.Testing.Scripts;

namespace Protocol.Core.Tests.Testing;

public sealed class ScriptedExchangeTests
{
    private const string PingScript = """
        # ping/pong with a tick pushed in between
        > {"action":"ping","id":7}
        < {"action":"tick","value":3}
        = 3
        < {"action":"pong","id":7}
        """;

    [Fact]
    public async Task A_script_drives_sends_replies_and_typed_updates()
    {
        await using var h = new Harness();
        var connection = await h.ConnectReadyAsync();
        await using var ticks = h.Ping.SubscribeTicks(new SubscriptionOptions { Capacity = 16 }).GetAsyncEnumerator();
        var ping = h.Ping.PingAsync(7);

        await ScriptedExchange.Parse(PingScript).RunAsync(connection, async ct =>
        {
            await ticks.MoveNextAsync();
            return ticks.Current.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

        (await ping.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(7);
    }

    [Fact]
    public async Task A_wrong_outgoing_message_fails_with_the_line_and_both_texts()
    {
        await using var h = new Harness();
        var connection = await h.ConnectReadyAsync();
        _ = h.Ping.PingAsync(8);
        var error = await Should.ThrowAsync<ScriptMismatchException>(() => ScriptedExchange.Parse(PingScript).RunAsync(connection));
        error.Step.Line.ShouldBe(2);
        error.Message.ShouldContain("""{"action":"ping","id":8}""");
    }

    [Theory]
    [InlineData("""42["auth",{"a":1,"b":2}]""", """42["auth",{"b":2,"a":1}]""", true)]
    [InlineData("""42["auth",{"a":1}]""", """42 [ "auth" , { "a" : 1 } ]""", true)]
    [InlineData("""42["auth",{"a":1}]""", """43["auth",{"a":1}]""", false)]
    [InlineData("""42["auth",{"a":1}]""", """42["auth",{"a":2}]""", false)]
    [InlineData("2", "2", true)]
    [InlineData("2", "3", false)]
    public void Frames_compare_as_json_after_an_equal_prefix(string expected, string actual, bool equal)
        => ScriptedExchange.FramesEqual(expected, actual).ShouldBe(equal);

    [Fact]
    public void A_line_without_a_direction_is_rejected_with_its_number()
        => Should.Throw<FormatException>(() => ScriptedExchange.Parse("> a\noops")).Message.ShouldContain("line 2");
}
