using Protocol.Core.Tests.Support;
using Protocol.Testing;

namespace Protocol.Core.Tests.Testing;

// The test kit's waits are bounded by real time (a safety net); one that ran out must not take what comes next from the
// wait after it.
public sealed class FakeWaitTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_NextSentAsync_that_timed_out_leaves_the_next_sent_message_to_the_next_wait()
    {
        await using var h = new Harness();
        var connection = await h.ConnectReadyAsync();
        connection.Sent.Count.ShouldBe(1, "the login");

        (await Should.ThrowAsync<TimeoutException>(connection.NextSentAsync(Short))).Message.ShouldContain("sent nothing");

        await h.Client.SendAsync(OutgoingMessage.Text("""{"action":"marker"}""")).WithSafetyNet();
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"marker"}""");
    }

    [Fact]
    public async Task A_NextConnectionAsync_that_timed_out_leaves_the_next_connection_to_the_next_wait()
    {
        await using var h = new Harness();
        (await Should.ThrowAsync<TimeoutException>(h.Transport.NextConnectionAsync(Short))).Message.ShouldContain("No connection");

        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        connection.ShouldBeSameAs(h.Transport.Connections.Single());
    }
}
