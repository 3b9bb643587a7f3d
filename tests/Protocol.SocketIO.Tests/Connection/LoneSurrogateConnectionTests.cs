
namespace Protocol.SocketIO.Tests.Connection;

/// <summary>
/// Issue #8 over a live connection: a packet whose event name (or namespace socket id) is not valid Unicode ends the
/// session as a protocol error, never as a transport error; lone surrogates inside data reach the handler untouched.
/// </summary>
public sealed class LoneSurrogateConnectionTests
{
    [Theory]
    [InlineData("42[\"\\ud800x\"]")]
    [InlineData("42[\"x\\ud800\"]")]
    [InlineData("42[\"\\ud800\\ud800\",1]")]
    [InlineData("42/admin,[\"\\udc00\"]")]
    [InlineData("40{\"sid\":\"\\ud800\"}")]
    public async Task A_name_that_is_not_valid_unicode_closes_with_a_protocol_error(string frame)
    {
        await using var h = new ConnectionHarness(configure: o => o.Namespaces.Add(new SocketIONamespace("/admin")));
        await h.OpenAsync();
        h.Transport.PushText(frame);

        var info = await h.WaitClosedAsync();
        info.Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
        info.Exception.ShouldBeOfType<SocketIOProtocolException>().Error.ShouldBe(SocketIOProtocolError.InvalidPayload);
        h.Clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_binary_event_named_with_a_lone_surrogate_closes_with_a_protocol_error()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        h.Transport.PushText("451-[\"x\\ud800\",{\"_placeholder\":true,\"num\":0}]");
        h.Transport.PushBinary([1, 2, 3]);

        var info = await h.WaitClosedAsync();
        info.Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
        info.Exception.ShouldBeOfType<SocketIOProtocolException>();
    }

    [Fact]
    public async Task Lone_surrogates_inside_data_reach_the_handler_and_the_session_stays_open()
    {
        var seen = new RecordingHandler();
        await using var h = new ConnectionHarness(seen.Handle);
        await h.OpenAsync();

        h.Transport.PushText("42[\"ev\",{\"\\udc00\":\"\\ud800\"}]");
        h.Transport.PushText("451-[\"bin\",{\"\\ud800\":1,\"_placeholder\":true,\"num\":0}]");
        h.Transport.PushBinary([7]);

        var ev = await seen.NextAsync(MessageKind.Event);
        ev.Name.ShouldBe("ev");
        ev.Payload.ShouldBe("[\"ev\",{\"\\udc00\":\"\\ud800\"}]");
        var bin = await seen.NextAsync(MessageKind.Event);
        bin.Name.ShouldBe("bin");
        bin.Attachments.ShouldBe(1);
        h.Connection.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task Emitting_under_a_name_or_namespace_that_is_not_valid_unicode_is_refused_not_mangled()
    {
        // Found by CodecRoundTripProperties: the UTF-8 conversion replaced lone surrogates with U+FFFD, so the server
        // received another name than the one emitted. The same rule as inbound: names must be valid Unicode.
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var loneHigh = "x" + (char)0xD800;
        var loneLow = "/a" + (char)0xDC00;

        var name = Should.Throw<SocketIOEncodingException>(() => h.Connection.EmitAsync(loneHigh));
        name.Error.ShouldBe(SocketIOProtocolError.InvalidPayload);
        name.ParamName.ShouldBe("eventName");
        name.Message.ShouldContain("not valid Unicode");
        Should.Throw<SocketIOEncodingException>(() => h.Connection.EmitWithAckAsync(loneHigh)).ParamName.ShouldBe("eventName");
        h.Connection.PendingAckCount.ShouldBe(0);

        var nsp = Should.Throw<SocketIOEncodingException>(() => h.Connection.EmitAsync("ok", @namespace: loneLow));
        nsp.Error.ShouldBe(SocketIOProtocolError.InvalidNamespace);
        nsp.ParamName.ShouldBe("namespace");
        Should.Throw<SocketIOEncodingException>(() => h.Connection.AckAsync(loneLow, 1)).Error.ShouldBe(SocketIOProtocolError.InvalidNamespace);
        await Should.ThrowAsync<ArgumentException>(() => h.Connection.ConnectNamespaceAsync(loneLow));

        // A valid pair is valid Unicode and goes out as it is.
        await h.Connection.EmitAsync("a\U0001F600");
        var sent = System.Text.Encoding.UTF8.GetBytes(await h.Transport.NextSentTextAsync());
        SocketIOPacketDecoder.Decode(sent.AsSpan(1)).GetEventNameString().ShouldBe("a\U0001F600");
        h.Connection.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task A_refusal_whose_message_is_not_valid_unicode_still_refuses_the_namespace()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var joining = h.Connection.ConnectNamespaceAsync("/private");
        (await h.Transport.NextSentTextAsync()).ShouldBe("40/private,");
        h.Transport.PushText("44/private,{\"\\ud800\":1,\"message\":\"no \\udc00\",\"data\":{\"code\":401}}");

        var ex = await Should.ThrowAsync<SocketIOConnectException>(joining);
        ex.Message.ShouldContain("not valid Unicode");
        h.Connection.IsOpen.ShouldBeTrue();
    }
}
