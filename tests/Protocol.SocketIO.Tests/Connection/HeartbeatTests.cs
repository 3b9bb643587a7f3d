namespace Protocol.SocketIO.Tests.Connection;

public sealed class HeartbeatTests
{
    [Fact]
    public async Task Answers_every_ping_with_a_pong_and_never_pings()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            h.Transport.PushText("2");
            (await h.Transport.NextSentTextAsync(skipPongs: false)).ShouldBe("3");
        }

        h.Transport.SentLog.ShouldNotContain(f => f.Text == "2");
    }

    [Fact]
    public async Task Declares_the_link_dead_after_ping_interval_plus_timeout_without_a_ping()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        h.Clock.Advance(TimeSpan.FromMilliseconds(1499));
        h.Connection.Completion.IsCompleted.ShouldBeFalse();

        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var info = await h.WaitClosedAsync();
        info.Reason.ShouldBe(SocketIODisconnectReason.PingTimeout);
        info.Description.ShouldContain("1500 ms");
        h.Transport.Aborted.ShouldBeTrue();
    }

    [Fact]
    public async Task Each_ping_rearms_the_watchdog()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            h.Clock.Advance(TimeSpan.FromMilliseconds(1400));
            h.Transport.PushText("2");
            (await h.Transport.NextSentTextAsync(skipPongs: false)).ShouldBe("3");
        }

        h.Connection.Completion.IsCompleted.ShouldBeFalse();
        h.Clock.Advance(TimeSpan.FromMilliseconds(1500));
        (await h.WaitClosedAsync()).Reason.ShouldBe(SocketIODisconnectReason.PingTimeout);
    }

    [Fact]
    public async Task Ping_timeout_fails_pending_acks_with_connection_closed()
    {
        await using var h = new ConnectionHarness(configure: o => o.AckTimeout = TimeSpan.FromMinutes(5));
        await h.OpenAsync();
        var ack = h.Connection.EmitWithAckAsync("slow");
        (await h.Transport.NextSentTextAsync()).ShouldBe("420[\"slow\"]");
        h.Clock.Advance(TimeSpan.FromMilliseconds(1500));
        var ex = await Should.ThrowAsync<SocketIOConnectionClosedException>(ack);
        ex.Info.Reason.ShouldBe(SocketIODisconnectReason.PingTimeout);
    }

    [Fact]
    public async Task Any_inbound_frame_is_proof_of_life_not_only_pings()
    {
        // A server streaming events may send its ping late; the frames arriving prove the link works (a burst of binary
        // events used to end in a false PingTimeout because only pings re-armed the watchdog).
        var handler = new RecordingHandler();
        await using var h = new ConnectionHarness(handler.Handle);
        await h.OpenAsync();
        for (var i = 0; i < 10; i++)
        {
            h.Clock.Advance(TimeSpan.FromMilliseconds(1400));
            h.Transport.PushText("451-[\"bin\",{\"_placeholder\":true,\"num\":0}]");
            h.Transport.PushBinary([1, 2, 3]);
            (await handler.NextAsync(Protocol.MessageKind.Event)).Name.ShouldBe("bin");
        }

        h.Connection.Completion.IsCompleted.ShouldBeFalse("frames kept arriving, so the server is alive");
        h.Clock.Advance(TimeSpan.FromMilliseconds(1499));
        h.Connection.Completion.IsCompleted.ShouldBeFalse();
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        (await h.WaitClosedAsync()).Reason.ShouldBe(SocketIODisconnectReason.PingTimeout);
    }

    [Fact]
    public async Task The_heartbeat_timeout_is_configurable()
    {
        await using var h = new ConnectionHarness(configure: o => o.HeartbeatTimeout = TimeSpan.FromSeconds(5));
        await h.OpenAsync();
        h.Clock.Advance(TimeSpan.FromMilliseconds(4999));
        h.Connection.Completion.IsCompleted.ShouldBeFalse();
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var info = await h.WaitClosedAsync();
        info.Reason.ShouldBe(SocketIODisconnectReason.PingTimeout);
        info.Description.ShouldContain("5000 ms");
        info.Description.ShouldContain("HeartbeatTimeout");
        h.Clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public void A_heartbeat_timeout_that_is_not_positive_is_refused()
    {
        var options = new SocketIOOptions { ServerUri = new Uri("http://127.0.0.1:1/"), HeartbeatTimeout = TimeSpan.Zero };
        Should.Throw<ArgumentOutOfRangeException>(options.Validate).ParamName.ShouldBe("HeartbeatTimeout");
    }
}
