using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Protocol.Server.JsonActions;
using Protocol.Testing;
using Protocol.Infrastructure;
using Protocol.JsonActions;

namespace Protocol.Interop.Tests.Server;

/// <summary>The JSON-action server side: actions in text or binary frames, replies that echo <c>ns</c>, the idle timeout, the application ping.</summary>
public sealed class JsonActionServerTests
{
    // Echoes each action's message back under "<action>-reply" with the request's ns.
    private static JsonActionServer EchoServer(JsonActionServerOptions? options = null) => new JsonActionServer(options)
        .OnUnhandled(static request => request.Session.SendAsync(request.Action + "-reply", request.Message.ValueKind == JsonValueKind.Undefined ? null : request.Message.GetRawText(), request.NsJson));

    private static Task<ServerHost> HostAsync(JsonActionServer server) => ServerHost.StartAsync(app => app.MapJsonActions("/ws/v40", server), server);

    private static async Task<ClientWebSocket> ConnectAsync(ServerHost host)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{host.Uri.Authority}/ws/v40"), CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string json, WebSocketMessageType type = WebSocketMessageType.Text)
        => socket.SendAsync(Encoding.UTF8.GetBytes(json), type, true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

    private static async Task<(string Text, WebSocketMessageType Type)> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        result.EndOfMessage.ShouldBeTrue();
        return (Encoding.UTF8.GetString(buffer, 0, result.Count), result.MessageType);
    }

    [Fact]
    public async Task Actions_in_text_and_binary_frames_reach_the_handlers_and_replies_echo_ns()
    {
        await using var host = await HostAsync(EchoServer());
        using var socket = await ConnectAsync(host);

        await SendAsync(socket, """{"action":"setContext","message":{"is_demo":1},"token":"t","ns":1}""");
        var text = await ReceiveAsync(socket);
        text.Text.ShouldBe("""{"action":"setContext-reply","message":{"is_demo":1},"ns":1}""");
        text.Type.ShouldBe(WebSocketMessageType.Text);

        // ExpertOption's clients send binary frames of UTF-8 JSON; ns may be a string.
        await SendAsync(socket, """{"action":"profile","token":"t","ns":"7"}""", WebSocketMessageType.Binary);
        (await ReceiveAsync(socket)).Text.ShouldBe("""{"action":"profile-reply","ns":"7"}""");
    }

    [Fact]
    public async Task The_server_sends_binary_frames_when_told_to()
    {
        await using var host = await HostAsync(EchoServer(new JsonActionServerOptions { SendBinaryFrames = true }));
        using var socket = await ConnectAsync(host);

        await SendAsync(socket, """{"action":"assets","ns":3}""");

        var reply = await ReceiveAsync(socket);
        reply.Type.ShouldBe(WebSocketMessageType.Binary);
        reply.Text.ShouldBe("""{"action":"assets-reply","ns":3}""");
    }

    [Fact]
    public async Task A_frame_that_is_not_an_action_is_ignored_and_the_session_goes_on()
    {
        await using var host = await HostAsync(EchoServer());
        using var socket = await ConnectAsync(host);

        await SendAsync(socket, "not json");
        await SendAsync(socket, "[1,2]");
        await SendAsync(socket, """{"action":5}""");
        await SendAsync(socket, """{"action":"ok","ns":1}""");

        (await ReceiveAsync(socket)).Text.ShouldBe("""{"action":"ok-reply","ns":1}""");
    }

    [Fact]
    public async Task A_silent_client_is_closed_after_the_idle_timeout_and_a_talking_one_stays()
    {
        var clock = new FakeTimeProvider();
        var server = EchoServer(new JsonActionServerOptions { TimeProvider = clock, IdleTimeout = TimeSpan.FromSeconds(60) });
        var closed = new TaskCompletionSource<JsonActionDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OnConnection(session =>
        {
            session.Closed += (_, reason) => closed.TrySetResult(reason);
            return ValueTask.CompletedTask;
        });
        await using var host = await HostAsync(server);
        using var socket = await ConnectAsync(host);

        // Talking every 40 s keeps it: each frame is read (its reply proves it) before the clock moves on.
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(socket, """{"action":"ping","ns":1}""");
            (await ReceiveAsync(socket)).Text.ShouldBe("""{"action":"ping-reply","ns":1}""");
            clock.Advance(TimeSpan.FromSeconds(40));
        }

        closed.Task.IsCompleted.ShouldBeFalse("a client that talks within the idle timeout stays");

        clock.Advance(TimeSpan.FromSeconds(20));
        (await closed.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(JsonActionDisconnectReason.IdleTimeout);
    }

    [Fact]
    public async Task The_application_ping_goes_out_every_interval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var server = EchoServer(new JsonActionServerOptions
        {
            TimeProvider = clock,
            SendBinaryFrames = true,
            PingInterval = TimeSpan.FromSeconds(20),
            PingAction = static time => "{\"action\":\"ping\",\"message\":{\"data\":\"" + time.GetUtcNow().ToUnixTimeMilliseconds() + "\"}}",
        });
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OnConnection(_ =>
        {
            opened.TrySetResult();
            return ValueTask.CompletedTask;
        });
        await using var host = await HostAsync(server);
        using var socket = await ConnectAsync(host);
        await opened.Task.WithSafetyNet(SafetyNet.NetworkLimit);

        // The ping timer is armed right after the connection hook; an action's reply proves the session got that far.
        await SendAsync(socket, """{"action":"hello"}""");
        (await ReceiveAsync(socket)).Text.ShouldBe("""{"action":"hello-reply"}""");

        clock.Advance(TimeSpan.FromSeconds(20));
        var ping = await ReceiveAsync(socket);
        ping.Type.ShouldBe(WebSocketMessageType.Binary);
        ping.Text.ShouldBe("""{"action":"ping","message":{"data":"1700000020000"}}""");

        clock.Advance(TimeSpan.FromSeconds(20));
        (await ReceiveAsync(socket)).Text.ShouldBe("""{"action":"ping","message":{"data":"1700000040000"}}""");
    }

    [Fact]
    public async Task A_message_over_the_bound_closes_the_session_with_1009()
    {
        await using var host = await HostAsync(EchoServer(new JsonActionServerOptions { MaxMessageBytes = 1024 }));
        using var socket = await ConnectAsync(host);

        await SendAsync(socket, "{\"action\":\"big\",\"message\":\"" + new string('x', 2048) + "\"}");

        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        result.MessageType.ShouldBe(WebSocketMessageType.Close);
        socket.CloseStatus.ShouldBe(WebSocketCloseStatus.MessageTooBig);
    }

    [Fact]
    public async Task A_session_the_server_closes_gets_its_reply_then_a_normal_close()
    {
        var server = EchoServer().On("logout", static async request =>
        {
            await request.Session.SendAsync("logout-reply", nsJson: request.NsJson);
            await request.Session.CloseAsync();
        });
        await using var host = await HostAsync(server);
        using var socket = await ConnectAsync(host);

        await SendAsync(socket, """{"action":"logout","ns":9}""");

        (await ReceiveAsync(socket)).Text.ShouldBe("""{"action":"logout-reply","ns":9}""");
        var buffer = new byte[256];
        var close = await socket.ReceiveAsync(buffer, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        close.MessageType.ShouldBe(WebSocketMessageType.Close);
        socket.CloseStatus.ShouldBe(WebSocketCloseStatus.NormalClosure);
    }

    [Fact]
    public async Task Our_json_action_client_talks_to_it()
    {
        await using var host = await HostAsync(EchoServer());
        var received = new TaskCompletionSource<(string Name, string Payload)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new JsonWebSocketConnection();
        await client.ConnectAsync(new ConnectionEndpoint(new Uri($"ws://{host.Uri.Authority}/ws/v40")), new Sink(received), CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);

        await client.SendAsync(OutgoingMessage.Text("""{"action":"openOptions","ns":4}"""u8.ToArray()), CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);

        var reply = await received.Task.WithSafetyNet(SafetyNet.NetworkLimit);
        reply.Name.ShouldBe("openOptions-reply");
        reply.Payload.ShouldBe("""{"action":"openOptions-reply","ns":4}""");
    }

    private sealed class Sink(TaskCompletionSource<(string Name, string Payload)> received) : IMessageSink
    {
        public void OnMessage(in MessageView message) => received.TrySetResult((Encoding.UTF8.GetString(message.Name), Encoding.UTF8.GetString(message.Payload)));

        public void OnDisconnected(DisconnectInfo info)
        {
        }
    }
}
