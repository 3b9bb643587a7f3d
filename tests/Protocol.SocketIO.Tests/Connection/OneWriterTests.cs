using Protocol.Testing;

namespace Protocol.SocketIO.Tests.Connection;

// The connection's one writer: a send that finds it busy waits in the queue, in order, and can still be cancelled there.
public sealed class OneWriterTests
{
    [Fact]
    public async Task A_queued_send_cancelled_before_the_writer_reaches_it_is_never_sent_and_frees_its_room()
    {
        // SendQueueTimeout stays inside the harness's 1.5 s heartbeat window, so advancing past it does not end the session.
        await using var h = new ConnectionHarness(configure: o =>
        {
            o.MaxQueuedSends = 2;
            o.SendQueueTimeout = TimeSpan.FromSeconds(1);
        });
        await h.OpenAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Transport.SendGate = gate;
        using var cancel = new CancellationTokenSource();

        var first = h.Connection.EmitAsync("first");                                        // on the wire, held
        var second = h.Connection.EmitAsync("second", cancellationToken: cancel.Token);      // queued
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(second.WithSafetyNet());

        // Its room came back at once: with a bound of 2, a third send is queued, not left waiting for room, and never
        // times out even when the clock passes SendQueueTimeout while the writer is still held.
        var third = h.Connection.EmitAsync("third");
        h.Clock.Advance(TimeSpan.FromMilliseconds(1100));
        third.IsFaulted.ShouldBeFalse(); // and a timed-out wait would fail the WhenAll below, with nothing to wait for here
        gate.SetResult();
        await Task.WhenAll(first, third).WithSafetyNet();
        (await h.Transport.NextSentTextAsync().WithSafetyNet()).ShouldBe("42[\"first\"]");
        (await h.Transport.NextSentTextAsync().WithSafetyNet()).ShouldBe("42[\"third\"]");
        h.Transport.SentLog.ShouldNotContain(f => f.Text.Contains("second", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_send_started_before_a_close_fails_typed_and_nothing_queued_is_sent_after_a_failed_write()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Transport.SendGate = gate;

        var first = h.Connection.EmitAsync("first");
        var queued = h.Connection.EmitAsync("queued");
        h.Transport.Abort();                                   // the held write now fails: the socket is gone
        gate.SetResult();

        await Should.ThrowAsync<SocketIOConnectionClosedException>(first.WithSafetyNet());
        await Should.ThrowAsync<SocketIOConnectionClosedException>(queued.WithSafetyNet());
        (await h.WaitClosedAsync()).Reason.ShouldBe(SocketIODisconnectReason.TransportError);
        h.Transport.SentLog.ShouldNotContain(f => f.Text.Contains("queued", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pong_that_cannot_be_written_closes_the_connection_as_a_transport_error_naming_the_socket_failure()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var broken = new TaskCompletionSource();
        broken.SetException(new System.Net.WebSockets.WebSocketException(System.Net.WebSockets.WebSocketError.ConnectionClosedPrematurely, "socket gone"));
        h.Transport.SendGate = broken;

        h.Transport.PushText("2");

        var info = await h.WaitClosedAsync();
        info.Reason.ShouldBe(SocketIODisconnectReason.TransportError);
        info.Exception.ShouldBeOfType<System.Net.WebSockets.WebSocketException>();
        info.Description.ShouldContain("Sending failed");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_senders_get_every_frame_out_intact_once_and_in_their_own_order(bool socketYields)
    {
        const int Senders = 6;
        const int PerSender = 400;
        await using var h = new ConnectionHarness(configure: o => o.MaxQueuedSends = 16);
        await h.OpenAsync();
        h.Transport.YieldOnSend = socketYields;

        // Frames are recycled from a pool: a frame reused before its sender was done would show up as a corrupt or
        // repeated text here.
        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                var text = System.Text.Encoding.UTF8.GetBytes($"42[\"n\",{sender},{i}]");
                if (i % 2 == 0)
                {
                    await h.Connection.SendAsync(text);
                }
                else
                {
                    await h.Connection.EmitAsync("n", System.Text.Encoding.UTF8.GetBytes($"{sender},{i}"));
                }
            }
        })).ToArray();
        await Task.WhenAll(senders).WithSafetyNet(TimeSpan.FromSeconds(30));

        var next = new int[Senders];
        foreach (var frame in h.Transport.SentLog.Where(f => f.Text.StartsWith("42[\"n\",", StringComparison.Ordinal)))
        {
            var parts = frame.Text["42[\"n\",".Length..^1].Split(',');
            var sender = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(next[sender]++, $"sender {sender}'s frames out of order or repeated: {frame.Text}");
        }

        next.ShouldAllBe(n => n == PerSender);
        h.Transport.OverlappingSendSeen.ShouldBeFalse();
    }
}
