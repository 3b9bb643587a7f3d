
namespace Protocol.SocketIO.Tests.Connection;

public sealed class AttachmentBoundTests
{
    private const string TwoAttachmentHeader = "452-[\"pair\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]";

    [Fact]
    public async Task Attachments_that_never_come_end_the_session_with_a_typed_error_on_the_fake_clock()
    {
        await using var h = new ConnectionHarness(configure: o =>
        {
            o.AttachmentTimeout = TimeSpan.FromSeconds(10);
            o.HeartbeatTimeout = TimeSpan.FromHours(1); // the watchdog must not be what fires
        });
        await h.OpenAsync();
        h.Transport.PushText(TwoAttachmentHeader);
        h.Transport.PushBinary([1]);
        h.Transport.PushText("2"); // Engine.IO pings may come between attachments; answered, it proves the frames were read

        (await h.Transport.NextSentTextAsync(skipPongs: false)).ShouldBe("3");

        h.Clock.Advance(TimeSpan.FromMilliseconds(9999));
        h.Connection.Completion.IsCompleted.ShouldBeFalse();
        h.Clock.Advance(TimeSpan.FromMilliseconds(1));

        var info = await h.WaitClosedAsync();
        info.Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
        var error = info.Exception.ShouldBeOfType<SocketIOProtocolException>();
        error.Error.ShouldBe(SocketIOProtocolError.AttachmentTimeout);
        error.Message.ShouldContain("1 of its attachment");
        error.Message.ShouldContain("AttachmentTimeout");
        h.Transport.Aborted.ShouldBeTrue();
        await h.Connection.ReadLoop.WaitAsync(TimeSpan.FromSeconds(10));
        h.Clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task Each_header_gets_its_own_window_and_a_completed_message_disarms_it()
    {
        var handler = new RecordingHandler();
        await using var h = new ConnectionHarness(handler.Handle, o =>
        {
            o.AttachmentTimeout = TimeSpan.FromSeconds(10);
            o.HeartbeatTimeout = TimeSpan.FromHours(1);
        });
        await h.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            h.Transport.PushText(TwoAttachmentHeader);
            h.Transport.PushBinary([1]);
            await WaitForTicksAsync(h);
            h.Clock.Advance(TimeSpan.FromSeconds(9));
            h.Transport.PushBinary([2]);
            (await handler.NextAsync(MessageKind.Event)).Attachments.ShouldBe(2);
        }

        h.Clock.Advance(TimeSpan.FromMinutes(10));
        h.Connection.Completion.IsCompleted.ShouldBeFalse("no header is waiting, so no deadline runs");
        h.Connection.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task A_reassembled_message_over_MaxInboundMessageBytes_ends_the_session_typed()
    {
        await using var h = new ConnectionHarness(configure: o => o.MaxInboundMessageBytes = 64 * 1024);
        await h.OpenAsync();
        h.Transport.PushText(TwoAttachmentHeader);
        h.Transport.PushBinary(new byte[40 * 1024]);
        h.Transport.PushBinary(new byte[40 * 1024]);

        var info = await h.WaitClosedAsync();
        info.Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
        var error = info.Exception.ShouldBeOfType<Protocol.InboundMessageTooLargeException>();
        error.Limit.ShouldBe(64 * 1024);
        error.Message.ShouldContain("65536 bytes");
        error.Message.ShouldContain("MaxInboundMessageBytes");
        h.Clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public void Bounds_that_are_not_positive_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(new SocketIOOptions { ServerUri = new Uri("http://127.0.0.1:1/"), AttachmentTimeout = TimeSpan.Zero }.Validate)
            .ParamName.ShouldBe("AttachmentTimeout");
        Should.Throw<ArgumentOutOfRangeException>(new SocketIOOptions { ServerUri = new Uri("http://127.0.0.1:1/"), MaxInboundMessageBytes = 0 }.Validate)
            .ParamName.ShouldBe("MaxInboundMessageBytes");
    }

    // The read loop has consumed the frames pushed so far once a ping pushed after them is answered.
    private static async Task WaitForTicksAsync(ConnectionHarness h)
    {
        h.Transport.PushText("2");
        (await h.Transport.NextSentTextAsync(skipPongs: false)).ShouldBe("3");
    }
}
