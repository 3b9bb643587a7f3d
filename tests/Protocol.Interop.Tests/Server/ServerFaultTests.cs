using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Protocol.Server.SocketIO;
using Protocol.Testing;

namespace Protocol.Interop.Tests.Server;

/// <summary>The server-side faults a simulator needs: a connection dropped without a close, and a half-open session.</summary>
public sealed class ServerFaultTests
{
    private static (SocketIOServer Server, Task<SocketIOServerDisconnectReason> Left, Task Stalled) Create(FakeTimeProvider clock)
    {
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new SocketIOServer(new SocketIOServerOptions { TimeProvider = clock, PingInterval = TimeSpan.FromSeconds(25), PingTimeout = TimeSpan.FromSeconds(20) });
        var left = new TaskCompletionSource<SocketIOServerDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Of("/").OnConnection(socket =>
        {
            socket.Disconnected += (_, reason) => left.TrySetResult(reason);
            socket.On("echo", static e => e.Socket.EmitAsync("echo-back", "1"));
            socket.On("abort", static e => e.Socket.AbortSession());
            socket.On("stall", e =>
            {
                e.Socket.StallSession();
                stalled.TrySetResult();
            });
        });
        return (server, left.Task, stalled.Task);
    }

    private static async Task<ClientWebSocket> JoinAsync(ServerHost host)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{host.Uri.Authority}/socket.io/?EIO=4&transport=websocket"), CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        (await ReceiveTextAsync(socket)).ShouldStartWith("0{\"sid\":");
        await SendAsync(socket, "40");
        (await ReceiveTextAsync(socket)).ShouldStartWith("40{\"sid\":");
        return socket;
    }

    [Fact]
    public async Task AbortSession_ends_the_connection_without_41_or_a_close_frame()
    {
        var (server, left, _) = Create(new FakeTimeProvider());
        await using var host = await ServerHost.StartAsync(server);
        using var socket = await JoinAsync(host);

        await SendAsync(socket, "42[\"abort\"]");

        // No DISCONNECT and no close frame come first: the next read finds the connection gone.
        await Should.ThrowAsync<WebSocketException>(() => ReceiveTextAsync(socket));
        (await left.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(SocketIOServerDisconnectReason.ServerAbort);
    }

    [Fact]
    public async Task StallSession_sends_nothing_more_never_times_the_client_out_and_never_answers_its_close()
    {
        var clock = new FakeTimeProvider();
        var (server, left, stalled) = Create(clock);
        await using var host = await ServerHost.StartAsync(server);
        using var socket = await JoinAsync(host);
        await SendAsync(socket, "42[\"echo\"]");
        (await ReceiveTextAsync(socket)).ShouldBe("42[\"echo-back\",1]");

        await SendAsync(socket, "42[\"stall\"]");
        await stalled.WithSafetyNet(SafetyNet.NetworkLimit);
        await SendAsync(socket, "42[\"echo\"]");
        clock.Advance(TimeSpan.FromSeconds(25));
        clock.Advance(TimeSpan.FromSeconds(21));
        left.IsCompleted.ShouldBeFalse("a half-open server does not time its client out");
        server.SessionCount.ShouldBe(1);

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

        // Neither the echo, nor a ping, nor a close answer: the first read finds the connection aborted.
        await Should.ThrowAsync<WebSocketException>(() => ReceiveTextAsync(socket));
        (await left.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(SocketIOServerDisconnectReason.ServerAbort);
    }

    private static Task SendAsync(ClientWebSocket socket, string text)
        => socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WithSafetyNet(SafetyNet.NetworkLimit);
        result.MessageType.ShouldBe(WebSocketMessageType.Text, "a text frame was expected");
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
