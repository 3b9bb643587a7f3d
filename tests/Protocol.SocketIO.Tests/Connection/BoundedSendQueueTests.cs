using Protocol.Testing;

namespace Protocol.SocketIO.Tests.Connection;

// Issue #9 item 5: a server that stops reading cannot grow the send queue without bound; a full queue waits up to
// SendQueueTimeout on the connection's clock, then fails typed with nothing sent; pongs never wait.
public sealed class BoundedSendQueueTests
{
    [Fact]
    public async Task A_send_into_a_full_queue_waits_then_fails_typed_on_the_fake_clock_and_nothing_of_it_is_sent()
    {
        await using var h = new ConnectionHarness(configure: o =>
        {
            o.MaxQueuedSends = 3;
            o.SendQueueTimeout = TimeSpan.FromSeconds(2);
            o.HeartbeatTimeout = TimeSpan.FromMinutes(1); // the harness's server sends no pings while the clock moves
        });
        await h.OpenAsync();
        h.Transport.SendGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var accepted = Enumerable.Range(0, 3).Select(i => h.Connection.EmitAsync("tick", System.Text.Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        var waiting = h.Connection.EmitAsync("tick", "99"u8);
        waiting.IsCompleted.ShouldBeFalse();

        h.Clock.Advance(TimeSpan.FromMilliseconds(1999));
        waiting.IsCompleted.ShouldBeFalse();
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var error = await Should.ThrowAsync<SocketIOSendQueueFullException>(waiting.WithSafetyNet());
        error.Capacity.ShouldBe(3);
        error.Message.ShouldContain("MaxQueuedSends");

        h.Transport.SendGate.SetResult();
        await Task.WhenAll(accepted).WithSafetyNet();
        var sent = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add((await h.Transport.NextSentAsync()).Text);
        }

        sent.ShouldBe(["42[\"tick\",0]", "42[\"tick\",1]", "42[\"tick\",2]"]);
        h.Transport.SentLog.ShouldNotContain(f => f.Text.Contains("99", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Room_freed_by_the_pump_lets_a_waiting_send_through_and_pongs_never_wait()
    {
        await using var h = new ConnectionHarness(configure: o =>
        {
            o.MaxQueuedSends = 1;
            o.SendQueueTimeout = TimeSpan.FromSeconds(2);
        });
        await h.OpenAsync();
        h.Transport.SendGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = h.Connection.EmitAsync("a", "1"u8);
        var second = h.Connection.EmitAsync("b", "2"u8);
        h.Transport.PushText("2"); // a ping while the queue is full: its pong is queued past the bound
        second.IsCompleted.ShouldBeFalse();

        h.Transport.SendGate.SetResult();
        await Task.WhenAll(first, second).WithSafetyNet();
        var texts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            texts.Add((await h.Transport.NextSentAsync()).Text);
        }

        texts.ShouldContain("3");
        texts.ShouldContain("42[\"a\",1]");
        texts.ShouldContain("42[\"b\",2]");
    }

    [Fact]
    public async Task A_send_waiting_for_room_fails_as_closed_when_the_connection_closes()
    {
        var h = new ConnectionHarness(configure: o => o.MaxQueuedSends = 1);
        await h.OpenAsync();
        h.Transport.SendGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = h.Connection.EmitAsync("a", "1"u8);
        var waiting = h.Connection.EmitAsync("b", "2"u8);

        await h.DisposeAsync().AsTask().WithSafetyNet();

        await Should.ThrowAsync<SocketIOConnectionClosedException>(waiting.WithSafetyNet());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void The_bound_and_its_timeout_must_be_positive(int capacity, int timeoutSeconds)
    {
        var options = new SocketIOOptions { ServerUri = new Uri("http://127.0.0.1:1/"), MaxQueuedSends = capacity, SendQueueTimeout = TimeSpan.FromSeconds(timeoutSeconds) };
        Should.Throw<ArgumentOutOfRangeException>(options.Validate);
    }
}
