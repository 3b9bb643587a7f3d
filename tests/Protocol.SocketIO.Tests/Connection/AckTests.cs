using System.Text;
using System.Text.Json;

namespace Protocol.SocketIO.Tests.Connection;

public sealed class AckTests
{
    [Fact]
    public async Task Completes_an_ack_with_an_owned_copy_of_its_payload()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var ack = h.Connection.EmitWithAckAsync("ack-me", "\"x\""u8);
        (await h.Transport.NextSentTextAsync()).ShouldBe("420[\"ack-me\",\"x\"]");
        h.Transport.PushText("430[\"ack:x\",7]");
        h.Transport.PushText("42[\"after\",\"overwrites any shared buffer\"]");
        var result = await ack.WaitAsync(TimeSpan.FromSeconds(10));
        Encoding.UTF8.GetString(result.Payload.Span).ShouldBe("[\"ack:x\",7]");
        result.AckId.ShouldBe(0);
        result.Namespace.ShouldBe("/");
        result.TryGetArgument(1, out var seven).ShouldBeTrue();
        Encoding.UTF8.GetString(seven).ShouldBe("7");
    }

    [Fact]
    public async Task Completes_a_binary_ack_with_its_attachments()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var ack = h.Connection.EmitWithAckAsync("ack-bin", @namespace: "/");
        (await h.Transport.NextSentTextAsync()).ShouldBe("420[\"ack-bin\"]");
        h.Transport.PushText("461-0[{\"_placeholder\":true,\"num\":0}]");
        h.Transport.PushBinary([9, 8, 7]);
        var result = await ack.WaitAsync(TimeSpan.FromSeconds(10));
        result.Attachments.Count.ShouldBe(1);
        result.Attachments[0].ToArray().ShouldBe(new byte[] { 9, 8, 7 });
        result.TryGetArgument(0, out var bytes).ShouldBeTrue();
        bytes.ToArray().ShouldBe(new byte[] { 9, 8, 7 });
        Encoding.UTF8.GetString(result.Raw.Span).ShouldBe("461-0[{\"_placeholder\":true,\"num\":0}]");
    }

    [Fact]
    public async Task Times_out_on_the_fake_clock_with_an_error_naming_the_event()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var ack = h.Connection.EmitWithAckAsync("never", timeout: TimeSpan.FromMilliseconds(300));
        await h.Transport.NextSentTextAsync();
        h.Clock.Advance(TimeSpan.FromMilliseconds(299));
        ack.IsCompleted.ShouldBeFalse();
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var ex = await Should.ThrowAsync<SocketIOAckTimeoutException>(ack);
        ex.ShouldBeAssignableTo<TimeoutException>();
        ex.EventName.ShouldBe("never");
        ex.Message.ShouldContain("'never'");

        // A late ack is ignored, not a crash.
        h.Transport.PushText("430[]");
        h.Transport.PushText("2");
        (await h.Transport.NextSentTextAsync(skipPongs: false)).ShouldBe("3");
    }

    [Fact]
    public async Task Cancellation_fails_the_wait_and_releases_the_timer()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        using var cts = new CancellationTokenSource();
        var ack = h.Connection.EmitWithAckAsync("never", cancellationToken: cts.Token);
        await h.Transport.NextSentTextAsync();
        h.Connection.PendingAckCount.ShouldBe(1);

        // Other timers can only disappear meanwhile, so "at least one fewer" is exact for the ack's own timer.
        var during = h.Clock.ActiveTimerCount;
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(ack);
        h.Connection.PendingAckCount.ShouldBe(0);
        h.Clock.ActiveTimerCount.ShouldBeLessThanOrEqualTo(during - 1);
    }

    [Fact]
    public async Task Connection_loss_fails_every_pending_ack()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var acks = Enumerable.Range(0, 5).Select(i => h.Connection.EmitWithAckAsync("e" + i)).ToArray();
        h.Transport.PushClose();
        foreach (var ack in acks)
        {
            var ex = await Should.ThrowAsync<SocketIOConnectionClosedException>(ack);
            ex.Info.Reason.ShouldBe(SocketIODisconnectReason.ServerDisconnect);
        }

        await Should.ThrowAsync<SocketIOConnectionClosedException>(() => h.Connection.EmitWithAckAsync("late"));
    }

    [Fact]
    public async Task Answers_a_server_ack_request_from_inside_the_handler()
    {
        SocketIOConnection? connection = null;
        await using var h = new ConnectionHarness(handler: view =>
        {
            if (view.Kind == MessageKind.Event && view.GetAckId() is not null && view.Name.SequenceEqual("question"u8))
            {
                _ = connection!.AckAsync(view, "\"answer\""u8);
            }
        });
        connection = h.Connection;
        await h.OpenAsync();
        h.Transport.PushText("420[\"question\",\"q?\"]");
        (await h.Transport.NextSentTextAsync()).ShouldBe("430[\"answer\"]");

        h.Transport.PushText("42/admin,17[\"question\"]");
        (await h.Transport.NextSentTextAsync()).ShouldBe("43/admin,17[\"answer\"]");
    }

    [Fact]
    public async Task Answers_with_a_binary_ack()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        await h.Connection.AckAsync("/", 3, "{\"_placeholder\":true,\"num\":0}"u8, [new byte[] { 1, 2 }]);
        (await h.Transport.NextSentTextAsync()).ShouldBe("461-3[{\"_placeholder\":true,\"num\":0}]");
        (await h.Transport.NextSentAsync()).Data.ShouldBe(new byte[] { 1, 2 });
    }

    [Fact]
    public async Task Ack_for_another_namespace_does_not_complete_the_wait()
    {
        var handler = new RecordingHandler();
        await using var h = new ConnectionHarness(handler.Handle);
        await h.OpenAsync();
        var ack = h.Connection.EmitWithAckAsync("x", timeout: TimeSpan.FromSeconds(1));
        await h.Transport.NextSentTextAsync();
        h.Transport.PushText("43/other,0[1]");
        var seen = await handler.NextAsync(MessageKind.Reply);
        seen.Namespace.ShouldBe("/other");
        ack.IsCompleted.ShouldBeFalse();
        h.Transport.PushText("430[2]");
        using var doc = JsonDocument.Parse((await ack.WaitAsync(TimeSpan.FromSeconds(10))).Payload);
        doc.RootElement[0].GetInt32().ShouldBe(2);
    }
}
