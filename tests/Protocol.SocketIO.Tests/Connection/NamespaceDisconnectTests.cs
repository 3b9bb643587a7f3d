using Protocol.SocketIO.Tests.Transport;
using Protocol.Testing;
using Protocol.Testing.Time;
using Protocol.Infrastructure;

namespace Protocol.SocketIO.Tests.Connection;

public sealed class NamespaceDisconnectTests
{
    [Fact]
    public async Task A_server_disconnect_fails_that_namespaces_acks_at_once_and_raises_its_event()
    {
        await using var h = new ConnectionHarness(configure: o => o.Namespaces.Add(new SocketIONamespace("/admin")));
        var raised = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Connection.NamespaceDisconnected += name => raised.TrySetResult(name);
        await h.OpenAsync();
        var onMain = h.Connection.EmitWithAckAsync("order");
        var onAdmin = h.Connection.EmitWithAckAsync("audit", @namespace: "/admin");
        (await h.Transport.NextSentTextAsync()).ShouldBe("420[\"order\"]");
        (await h.Transport.NextSentTextAsync()).ShouldBe("42/admin,1[\"audit\"]");

        h.Transport.PushText("41");

        // No clock advance: the ack fails now, naming the namespace, not as a timeout blaming the server's handler.
        var ex = await Should.ThrowAsync<SocketIONamespaceDisconnectedException>(onMain.WithSafetyNet());
        ex.Namespace.ShouldBe("/");
        ex.Message.ShouldContain("'order'");
        (await raised.Task.WithSafetyNet()).ShouldBe("/");
        onAdmin.IsCompleted.ShouldBeFalse("only the disconnected namespace's acks fail");
        h.Connection.PendingAckCount.ShouldBe(1);
        h.Connection.IsOpen.ShouldBeTrue("another namespace is still connected");
        h.Connection.IsNamespaceConnected("/").ShouldBeFalse();
    }

    [Fact]
    public async Task Later_emits_and_acks_on_a_disconnected_namespace_fail_typed_and_send_nothing()
    {
        var handler = new RecordingHandler();
        await using var h = new ConnectionHarness(handler.Handle, o => o.Namespaces.Add(new SocketIONamespace("/admin")));
        await h.OpenAsync();
        var left = h.NextNamespaceDisconnectAsync();
        h.Transport.PushText("41/admin,");
        (await left).ShouldBe("/admin");
        var sentBefore = h.Transport.SentLog.Count;

        (await Should.ThrowAsync<SocketIONamespaceDisconnectedException>(() => h.Connection.EmitAsync("x", @namespace: "/admin"))).Namespace.ShouldBe("/admin");
        await Should.ThrowAsync<SocketIONamespaceDisconnectedException>(() => h.Connection.EmitWithAckAsync("y", @namespace: "/admin"));
        await Should.ThrowAsync<SocketIONamespaceDisconnectedException>(() => h.Connection.AckAsync("/admin", 3));
        h.Connection.PendingAckCount.ShouldBe(0);
        h.Transport.SentLog.Count.ShouldBe(sentBefore, "nothing reached the server, which would drop the whole connection");

        await h.Connection.EmitAsync("still", "1"u8);
        (await h.Transport.NextSentTextAsync()).ShouldBe("42[\"still\",1]");
    }

    [Fact]
    public async Task Joining_again_allows_sends_again()
    {
        var handler = new RecordingHandler();
        await using var h = new ConnectionHarness(handler.Handle, o => o.Namespaces.Add(new SocketIONamespace("/admin")));
        await h.OpenAsync();
        var left = h.NextNamespaceDisconnectAsync();
        h.Transport.PushText("41/admin,");
        (await left).ShouldBe("/admin");

        var joining = h.Connection.ConnectNamespaceAsync("/admin");
        (await h.Transport.NextSentTextAsync()).ShouldBe("40/admin,");
        h.Transport.PushText("40/admin,{\"sid\":\"again\"}");
        await joining.WithSafetyNet();
        await h.Connection.EmitAsync("back", @namespace: "/admin");
        (await h.Transport.NextSentTextAsync()).ShouldBe("42/admin,[\"back\"]");
    }

    [Fact]
    public async Task When_no_namespace_is_left_the_session_closes_saying_why()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        var pending = h.Connection.EmitWithAckAsync("order");
        await h.Transport.NextSentTextAsync();

        h.Transport.PushText("41");

        var info = await h.WaitClosedAsync();
        info.Reason.ShouldBe(SocketIODisconnectReason.ServerDisconnect);
        info.Description.ShouldContain("namespace '/'");
        info.Exception.ShouldBeOfType<SocketIONamespaceDisconnectedException>().Namespace.ShouldBe("/");
        (await Should.ThrowAsync<SocketIONamespaceDisconnectedException>(pending.WithSafetyNet())).Namespace.ShouldBe("/");
        h.Transport.CloseOutputSent.ShouldBeTrue("the Engine.IO session is closed, as the reference client does");
        await h.Connection.ReadLoop.WithSafetyNet();
        h.Clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_runtime_sees_a_lost_session_that_names_the_namespace()
    {
        var transport = new InMemoryFrameTransport();
        var clock = new TimerCountingTimeProvider();
        var sink = new RecordingSink();
        await using var connection = new SocketIOTransportConnection(o =>
        {
            o.TransportFactory = new InMemoryTransportFactory(transport);
            o.TimeProvider = clock;
        });
        transport.PushText(ConnectionHarness.OpenPacket);
        var connecting = connection.ConnectAsync(new ConnectionEndpoint("ws://127.0.0.1:1/socket.io/?EIO=4&transport=websocket"), sink, CancellationToken.None);
        (await transport.NextSentTextAsync()).ShouldBe("40");
        transport.PushText("40{\"sid\":\"s\"}");
        await connecting.AsTask().WithSafetyNet();

        transport.PushText("41");

        var info = await sink.Disconnected.Task.WithSafetyNet();
        info.Reason.ShouldBe(Protocol.DisconnectReason.ClosedByServer);
        info.Description.ShouldNotBeNull().ShouldContain("disconnected namespace '/'");

        // What tells "the server ended the session on purpose" (a platform refusing a login) from a transport close.
        info.Error.ShouldBeOfType<SocketIONamespaceDisconnectedException>().Namespace.ShouldBe("/");
    }

    private sealed class RecordingSink : IMessageSink
    {
        public TaskCompletionSource<DisconnectInfo> Disconnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnMessage(in MessageView message)
        {
        }

        public void OnDisconnected(DisconnectInfo info) => Disconnected.TrySetResult(info);
    }
}
