using System.Text;

namespace Protocol.SocketIO.Tests.Connection;

public sealed class NamespaceTests
{
    [Fact]
    public async Task Connects_several_namespaces_with_auth_on_one_connection()
    {
        await using var h = new ConnectionHarness(configure: o =>
        {
            o.Namespaces.Clear();
            o.Namespaces.Add(new SocketIONamespace("/admin", "{\"token\":\"abc\"}"u8.ToArray()));
            o.Namespaces.Add(new SocketIONamespace("/feed"));
        });
        h.Transport.PushText(ConnectionHarness.OpenPacket);
        var connecting = h.Connection.ConnectAsync();
        (await h.Transport.NextSentTextAsync()).ShouldBe("40/admin,{\"token\":\"abc\"}");
        (await h.Transport.NextSentTextAsync()).ShouldBe("40/feed,");
        h.Transport.PushText("40/feed,{\"sid\":\"f\"}");
        h.Transport.PushText("40/admin,{\"sid\":\"a\"}");
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));
        h.Connection.IsNamespaceConnected("/admin").ShouldBeTrue();
        h.Connection.IsNamespaceConnected("/").ShouldBeFalse();
        h.Connection.GetSocketId("/feed").ShouldBe("f");
    }

    [Fact]
    public async Task Connect_error_is_a_typed_exception_with_message_and_data()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var joining = h.Connection.ConnectNamespaceAsync("/private");
        (await h.Transport.NextSentTextAsync()).ShouldBe("40/private,");
        h.Transport.PushText("44/private,{\"message\":\"Not authorized\",\"data\":{\"code\":401}}");
        var ex = await Should.ThrowAsync<SocketIOConnectException>(joining);
        ex.Namespace.ShouldBe("/private");
        ex.ServerMessage.ShouldBe("Not authorized");
        Encoding.UTF8.GetString(ex.DataJson.Span).ShouldBe("{\"code\":401}");

        var legacy = h.Connection.ConnectNamespaceAsync("/old");
        await h.Transport.NextSentTextAsync();
        h.Transport.PushText("44/old,\"Unauthorized\"");
        (await Should.ThrowAsync<SocketIOConnectException>(legacy)).ServerMessage.ShouldBe("Unauthorized");
        h.Connection.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task A_refused_connect_frame_leaves_no_pending_namespace_behind()
    {
        // Found while fixing the lone-surrogate refusal: the namespace was registered before its CONNECT frame was
        // encoded, so a refused frame (bad auth JSON) left a pending entry that every later join waited on in vain.
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        await Should.ThrowAsync<SocketIOEncodingException>(() => h.Connection.ConnectNamespaceAsync("/x", "{\"token\":"u8.ToArray()));

        var joining = h.Connection.ConnectNamespaceAsync("/x", "{\"token\":1}"u8.ToArray());
        (await h.Transport.NextSentTextAsync()).ShouldBe("40/x,{\"token\":1}");
        h.Transport.PushText("40/x,{\"sid\":\"s\"}");
        await joining.WaitAsync(TimeSpan.FromSeconds(10));
        h.Connection.GetSocketId("/x").ShouldBe("s");
    }

    [Fact]
    public async Task Connect_error_during_ConnectAsync_leaves_nothing_running()
    {
        await using var h = new ConnectionHarness(configure: o => { o.Namespaces.Clear(); o.Namespaces.Add(new SocketIONamespace("/nope")); });
        h.Transport.PushText(ConnectionHarness.OpenPacket);
        var connecting = h.Connection.ConnectAsync();
        await h.Transport.NextSentTextAsync();
        h.Transport.PushText("44/nope,{\"message\":\"Invalid namespace\"}");
        (await Should.ThrowAsync<SocketIOConnectException>(connecting)).ServerMessage.ShouldBe("Invalid namespace");
        h.Connection.ReadLoop.IsCompleted.ShouldBeTrue();
        h.Connection.SendLoop.IsCompleted.ShouldBeTrue();
        h.Clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task Server_disconnect_of_a_namespace_marks_only_that_namespace()
    {
        var handler = new RecordingHandler();
        await using var h = new ConnectionHarness(handler.Handle, o => o.Namespaces.Add(new SocketIONamespace("/admin")));
        await h.OpenAsync();
        var left = h.NextNamespaceDisconnectAsync();
        h.Transport.PushText("41/admin,");
        (await left).ShouldBe("/admin");
        handler.Count.ShouldBe(0, "a DISCONNECT is not a message");
        h.Connection.IsNamespaceConnected("/admin").ShouldBeFalse();
        h.Connection.IsNamespaceConnected("/").ShouldBeTrue();
        h.Connection.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task Namespace_connect_times_out_on_the_fake_clock()
    {
        await using var h = new ConnectionHarness(configure: o => o.ConnectTimeout = TimeSpan.FromSeconds(2));
        await h.OpenAsync();
        var joining = h.Connection.ConnectNamespaceAsync("/slow");
        await h.Transport.NextSentTextAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Transport.PushText("2"); // keep the heartbeat alive
        await h.Transport.NextSentTextAsync(skipPongs: false);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        (await Should.ThrowAsync<TimeoutException>(joining)).Message.ShouldContain("/slow");
    }
}
