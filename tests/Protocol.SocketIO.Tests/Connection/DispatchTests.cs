using System.Text;
using System.Text.Json;

namespace Protocol.SocketIO.Tests.Connection;

public sealed class DispatchTests
{
    [Fact]
    public async Task Hands_events_and_acks_to_the_handler_as_views_and_keeps_control_packets_to_itself()
    {
        var handler = new RecordingHandler();
        await using var h = new ConnectionHarness(handler.Handle);
        await h.OpenAsync();
        handler.Count.ShouldBe(0, "the namespace CONNECT is the connection's own business, not a message");

        h.Transport.PushText("42[\"hello\",\"world\",42,{\"a\":[true,null]}]");
        var e = await handler.NextAsync();
        e.Kind.ShouldBe(MessageKind.Event);
        e.Name.ShouldBe("hello");
        e.Namespace.ShouldBe("/");
        e.AckId.ShouldBe(-1);
        e.Payload.ShouldBe("[\"hello\",\"world\",42,{\"a\":[true,null]}]");

        h.Transport.PushText("452-/admin,[\"bin2\",{\"x\":{\"_placeholder\":true,\"num\":0}},[{\"_placeholder\":true,\"num\":1}]]");
        h.Transport.PushBinary("ab"u8.ToArray());
        h.Transport.PushBinary([0xff]);
        var b = await handler.NextAsync();
        b.Kind.ShouldBe(MessageKind.Event);
        b.Name.ShouldBe("bin2");
        b.Namespace.ShouldBe("/admin");
        b.Attachments.ShouldBe(2);

        h.Transport.PushText("42[\"caf\\u00e9\"]");
        (await handler.NextAsync()).Name.ShouldBe("café");
        h.Transport.PushText("42[7,\"numeric name\"]");
        (await handler.NextAsync()).Name.ShouldBe("7");
        h.Transport.PushText("431[\"r\"]");
        var reply = await handler.NextAsync();
        reply.Kind.ShouldBe(MessageKind.Reply);
        reply.AckId.ShouldBe(1);

        // Control packets never reach the handler: a refusal, then the server leaving the last namespace (which ends the session).
        h.Transport.PushText("44/x,{\"message\":\"m\"}");
        h.Transport.PushText("42[\"after\"]");
        (await handler.NextAsync()).Name.ShouldBe("after");
        h.Transport.PushText("41");
        (await h.WaitClosedAsync()).Reason.ShouldBe(SocketIODisconnectReason.ServerDisconnect);
        handler.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Reassembled_view_resolves_placeholders_and_keeps_the_header_frame_as_raw()
    {
        string? raw = null;
        byte[]? first = null;
        string? tail = null;
        var done = new TaskCompletionSource();
        await using var h = new ConnectionHarness(view =>
        {
            if (view.Kind != MessageKind.Event)
            {
                return;
            }

            raw = Encoding.UTF8.GetString(view.Raw);
            view.TryGetArgument(0, out var bytes).ShouldBeTrue();
            first = bytes.ToArray();
            view.TryGetArgument(1, out var json).ShouldBeTrue();
            tail = JsonDocument.Parse(json.ToArray()).RootElement.GetString();
            done.SetResult();
        });
        await h.OpenAsync();
        h.Transport.PushText("451-[\"bin\",{\"_placeholder\":true,\"num\":0},\"tail\"]");
        h.Transport.PushBinary([1, 2, 3, 4]);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        raw.ShouldBe("451-[\"bin\",{\"_placeholder\":true,\"num\":0},\"tail\"]");
        first.ShouldBe(new byte[] { 1, 2, 3, 4 });
        tail.ShouldBe("tail");
    }

    [Fact]
    public async Task A_throwing_handler_never_stops_the_loop()
    {
        var count = 0;
        await using var h = new ConnectionHarness(view =>
        {
            if (view.Kind == MessageKind.Event && Interlocked.Increment(ref count) == 1)
            {
                throw new InvalidOperationException("handler bug");
            }
        });
        await h.OpenAsync();
        h.Transport.PushText("42[\"a\"]");
        h.Transport.PushText("42[\"b\"]");
        h.Transport.PushText("2");
        (await h.Transport.NextSentTextAsync(skipPongs: false)).ShouldBe("3");
        Volatile.Read(ref count).ShouldBe(2);
        h.Connection.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task Passes_headers_cookies_and_the_built_url_to_the_transport()
    {
        await using var h = new ConnectionHarness(configure: o =>
        {
            o.Headers.Add(new("Origin", "https://pocketoption.com"));
            o.Headers.Add(new("User-Agent", "Protocol/1.0"));
            o.Query.Add(new("token", "secret"));
        });
        await h.OpenAsync();
        var factory = (Transport.InMemoryTransportFactory)h.Options.TransportFactory;
        factory.Uri!.AbsoluteUri.ShouldBe("ws://127.0.0.1:1/socket.io/?token=secret&EIO=4&transport=websocket");
        factory.Options!.Headers.ShouldContain(new KeyValuePair<string, string>("Origin", "https://pocketoption.com"));
        h.Connection.Handshake!.PingInterval.ShouldBe(TimeSpan.FromSeconds(1));
    }
}
