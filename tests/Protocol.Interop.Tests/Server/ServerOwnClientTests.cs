using System.Text;
using System.Text.Json;
using Protocol.Server.SocketIO;
using Protocol.SocketIO;
using Protocol.Testing;

namespace Protocol.Interop.Tests.Server;

/// <summary>The cases of <see cref="ServerInteropTests"/> with Protocol's own client against Protocol's own server.</summary>
public sealed class ServerOwnClientTests
{
    private static string Json(JsonElement value) => value.GetRawText();

    [Fact]
    public async Task Events_with_mixed_arguments_round_trip()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        await using var client = await InteropClient.ConnectAsync(host.Uri);

        await client.Connection.EmitAsync("echo", "1,\"two\",{\"three\":[true,null]},4.5,\"é€😀\""u8);

        var back = await client.NextEventAsync("echo-back");
        Json(back.Payload).ShouldBe("""["echo-back",1,"two",{"three":[true,null]},4.5,"é€😀"]""");
    }

    [Fact]
    public async Task Binary_arguments_nested_and_empty_round_trip()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        await using var client = await InteropClient.ConnectAsync(host.Uri);

        await client.Connection.EmitAsync(
            "echo",
            "{\"deep\":{\"a\":{\"_placeholder\":true,\"num\":0}}},[{\"_placeholder\":true,\"num\":1}],\"x\""u8,
            [new byte[] { 1, 2, 3 }, Array.Empty<byte>()]);

        var back = await client.NextEventAsync("echo-back");
        back.Attachments.Length.ShouldBe(2);
        back.Attachments[back.Arg(0).GetProperty("deep").GetProperty("a").GetProperty("num").GetInt32()].ShouldBe(new byte[] { 1, 2, 3 });
        back.Attachments[back.Arg(1)[0].GetProperty("num").GetInt32()].ShouldBeEmpty();
        back.Arg(2).GetString().ShouldBe("x");
    }

    [Fact]
    public async Task Acks_work_both_ways_with_binary()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        await using var client = await InteropClient.ConnectAsync(host.Uri);

        var ack = await client.Connection.EmitWithAckAsync("ack-me", "\"x\",{\"_placeholder\":true,\"num\":0}"u8, [new byte[] { 9 }], timeout: TimeSpan.FromSeconds(10));
        var payload = JsonDocument.Parse(ack.Payload).RootElement;
        payload[0].GetString().ShouldBe("x");
        ack.Attachments.Count.ShouldBe(1);
        ack.Attachments[0].ToArray().ShouldBe(new byte[] { 9 });

        await client.Connection.EmitAsync("ask-me");
        var question = await client.NextEventAsync("question");
        question.Arg(0).GetString().ShouldBe("q");
        question.AckId.ShouldBeGreaterThanOrEqualTo(0);
        await client.Connection.AckAsync("/", question.AckId, "\"answer:q\",{\"_placeholder\":true,\"num\":0}"u8, [new byte[] { 7, 7 }]);

        var answered = await client.NextEventAsync("answered");
        answered.Arg(0).GetString().ShouldBe("answer:q");
        answered.Attachments.Length.ShouldBe(1);
        answered.Attachments[0].ShouldBe(new byte[] { 7, 7 });
    }

    [Fact]
    public async Task Server_sends_nested_and_empty_buffers()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        await using var client = await InteropClient.ConnectAsync(host.Uri);

        await client.Connection.EmitAsync("send-binary");

        var bin = await client.NextEventAsync("bin");
        bin.Attachments.Length.ShouldBe(2);
        bin.Attachments[bin.Arg(0).GetProperty("nested").GetProperty("a").GetProperty("num").GetInt32()].ShouldBe(new byte[] { 1, 2, 3 });
        bin.Attachments[bin.Arg(0).GetProperty("nested").GetProperty("list")[0].GetProperty("num").GetInt32()].ShouldBeEmpty();
        bin.Arg(1).GetString().ShouldBe("tail");
    }

    [Fact]
    public async Task Namespace_auth_refuses_and_accepts()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        await using var client = await InteropClient.ConnectAsync(host.Uri);

        var refused = await Should.ThrowAsync<SocketIOConnectException>(
            () => client.Connection.ConnectNamespaceAsync("/admin", "{\"token\":\"wrong\"}"u8.ToArray()).WithSafetyNet(SafetyNet.NetworkLimit));
        refused.Message.ShouldContain("bad token");
        refused.Message.ShouldNotContain("wrong", Case.Sensitive, "the auth object is a secret");

        await client.Connection.ConnectNamespaceAsync("/admin", "{\"token\":\"secret\"}"u8.ToArray()).WithSafetyNet(SafetyNet.NetworkLimit);
        await client.Connection.EmitAsync("whoami", @namespace: "/admin");
        var who = await client.NextEventAsync("you-are");
        who.Namespace.ShouldBe("/admin");
        who.Arg(0).GetString().ShouldBe("/admin");
    }

    [Fact]
    public async Task Server_side_disconnect_reaches_the_client_and_ends_its_session()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        var left = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await InteropClient.ConnectAsync(host.Uri);
        client.Connection.NamespaceDisconnected += ns => left.TrySetResult(ns);

        await client.Connection.EmitAsync("kick");

        (await left.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe("/");
        await client.Connection.Completion.WithSafetyNet(SafetyNet.NetworkLimit);
        await Should.ThrowAsync<Exception>(() => client.Connection.EmitAsync("echo", "1"u8));
        host.Server.Of("/").Sockets.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_client_that_stops_answering_pings_is_dropped_after_the_ping_timeout()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var server = ScenarioServer.Create(new SocketIOServerOptions { TimeProvider = clock, PingInterval = TimeSpan.FromSeconds(25), PingTimeout = TimeSpan.FromSeconds(20) });
        var left = new TaskCompletionSource<SocketIOServerDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Of("/").OnConnection(socket => socket.Disconnected += (_, reason) => left.TrySetResult(reason));
        await using var host = await ServerHost.StartAsync(server);

        // A raw WebSocket that joins "/" and then never answers a ping.
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{host.Uri.Authority}/socket.io/?EIO=4&transport=websocket"), CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        var open = await ReceiveTextAsync(socket);
        open.ShouldStartWith("0{\"sid\":");
        open.ShouldContain("\"pingInterval\":25000");
        await socket.SendAsync("40"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        (await ReceiveTextAsync(socket)).ShouldStartWith("40{\"sid\":");

        clock.Advance(TimeSpan.FromSeconds(25));
        (await ReceiveTextAsync(socket)).ShouldBe("2");
        left.Task.IsCompleted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromSeconds(20));
        (await left.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(SocketIOServerDisconnectReason.PingTimeout);
    }

    [Fact]
    public async Task A_client_gone_before_the_connection_handlers_ran_is_still_announced_to_them()
    {
        // The CONNECT answer goes out before the connection handlers run, so a client can leave in between. A handler that
        // subscribes to Disconnected must still hear it (as with socket.io, where nothing happens to a socket before its
        // "connection" handlers have run); before, the leave was announced to nobody and the handler's cleanup never ran.
        // The first handler holds the join with an emit the raw client never answers: its ack fails the moment the server
        // marks the socket gone, which tells the test the leave has happened (no polling, no clock).
        var entered = new TaskCompletionSource<Task<SocketIOServerAck>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heard = new TaskCompletionSource<SocketIOServerDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = ScenarioServer.Create(new SocketIOServerOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider() });
        server.Of("/").OnConnection(async socket =>
        {
            entered.TrySetResult(socket.EmitWithAckAsync("hold", "", TimeSpan.FromHours(1)));
            await release.Task.ConfigureAwait(false);
        });
        server.Of("/").OnConnection(socket =>
        {
            socket.IsConnected.ShouldBeFalse("the client left while the first handler ran");
            socket.Disconnected += (_, reason) => heard.TrySetResult(reason);
        });
        await using var host = await ServerHost.StartAsync(server);

        Task<SocketIOServerAck> unanswered;
        using (var socket = new System.Net.WebSockets.ClientWebSocket())
        {
            await socket.ConnectAsync(new Uri($"ws://{host.Uri.Authority}/socket.io/?EIO=4&transport=websocket"), CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
            (await ReceiveTextAsync(socket)).ShouldStartWith("0{\"sid\":");
            await socket.SendAsync("40"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
            (await ReceiveTextAsync(socket)).ShouldStartWith("40{\"sid\":");
            unanswered = await entered.Task.WithSafetyNet(SafetyNet.NetworkLimit);
            (await ReceiveTextAsync(socket)).ShouldContain("[\"hold\"]");
            socket.Abort();
        }

        // The session has seen the transport go and marked the socket gone; the announcement waits for the handlers.
        await Should.ThrowAsync<SocketIOSocketDisconnectedException>(() => unanswered.WithSafetyNet(SafetyNet.NetworkLimit));
        heard.Task.IsCompleted.ShouldBeFalse();
        release.TrySetResult();
        (await heard.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(SocketIOServerDisconnectReason.TransportClosed);
        host.Server.Of("/").Sockets.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_client_that_answers_pings_stays()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var server = ScenarioServer.Create(new SocketIOServerOptions { TimeProvider = clock });
        await using var host = await ServerHost.StartAsync(server);
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{host.Uri.Authority}/socket.io/?EIO=4&transport=websocket"), CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        await ReceiveTextAsync(socket);
        await socket.SendAsync("40"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        await ReceiveTextAsync(socket);

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(server.Options.PingInterval);
            (await ReceiveTextAsync(socket)).ShouldBe("2");
            await socket.SendAsync("3"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

            // The pong is read before the clock moves on: an echo proves the server has processed everything before it.
            await socket.SendAsync("42[\"echo\",1]"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
            (await ReceiveTextAsync(socket)).ShouldBe("42[\"echo-back\",1]");
        }

        // Three cycles (75 s) outlast pingInterval + pingTimeout (45 s): only the pongs kept the session.

        server.SessionCount.ShouldBe(1);
        server.Of("/").Sockets.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_server_disconnect_that_closes_the_session_sends_41_then_a_normal_close()
    {
        var server = ScenarioServer.Create();
        server.Of("/").OnConnection(static socket => socket.On("bye", static e => e.Socket.DisconnectAsync(closeSession: true)));
        await using var host = await ServerHost.StartAsync(server);
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{host.Uri.Authority}/socket.io/?EIO=4&transport=websocket"), CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        await ReceiveTextAsync(socket);
        await socket.SendAsync("40"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        await ReceiveTextAsync(socket);

        await socket.SendAsync("42[\"bye\"]"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

        // The DISCONNECT, then the close handshake: no reset.
        (await ReceiveTextAsync(socket)).ShouldBe("41");
        var buffer = new byte[256];
        var close = await socket.ReceiveAsync(buffer, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        close.MessageType.ShouldBe(System.Net.WebSockets.WebSocketMessageType.Close);
        socket.CloseStatus.ShouldBe(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure);
        await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
    }

    private static async Task<string> ReceiveTextAsync(System.Net.WebSockets.ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        result.EndOfMessage.ShouldBeTrue();
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
