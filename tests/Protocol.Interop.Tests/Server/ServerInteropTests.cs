using Protocol.Interop.Tests.Fixture;
using System.Text.Json;
using Protocol.Server.SocketIO;
using Protocol.Testing;

namespace Protocol.Interop.Tests.Server;

/// <summary>
/// Protocol's C# Socket.IO server proven by the official JavaScript client (socket.io-client 4.8.4, pinned in
/// peer/package-lock.json): events with mixed arguments, acks both ways, binary both ways with nested and empty buffers,
/// a refused and an accepted namespace auth, and a server-side disconnect.
/// </summary>
public sealed class ServerInteropTests
{
    private static string Json(JsonElement value) => value.GetRawText();

    [Fact]
    public async Task Events_with_mixed_arguments_round_trip()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        var result = await NodeClient.RunAsync(host.Uri, "mixed");
        Json(result).ShouldBe("""[1,"two",{"three":[true,null]},4.5,"é€😀"]""");
    }

    [Fact]
    public async Task Binary_arguments_nested_and_empty_round_trip()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        var result = await NodeClient.RunAsync(host.Uri, "binary");
        Json(result).ShouldBe("""[{"deep":{"a":{"$bin":[1,2,3]}}},[{"$bin":[]}],"x"]""");
    }

    [Fact]
    public async Task Acks_work_both_ways_with_binary()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        var result = await NodeClient.RunAsync(host.Uri, "acks");

        // The server's answer to the client's ack callback (a BINARY_ACK), then the client's answer to the server's.
        Json(result.GetProperty("response")).ShouldBe("""["x",{"$bin":[9]}]""");
        Json(result.GetProperty("answered")).ShouldBe("""["answer:q",{"$bin":[7,7]}]""");
    }

    [Fact]
    public async Task Server_sends_nested_and_empty_buffers()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        var result = await NodeClient.RunAsync(host.Uri, "serverBinary");
        Json(result).ShouldBe("""[{"nested":{"a":{"$bin":[1,2,3]},"list":[{"$bin":[]}]}},"tail"]""");
    }

    [Fact]
    public async Task Namespace_auth_refuses_and_accepts()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        var result = await NodeClient.RunAsync(host.Uri, "auth");
        result.GetProperty("refused").GetString().ShouldBe("bad token");
        result.GetProperty("acceptedId").GetBoolean().ShouldBeTrue();
        result.GetProperty("who").GetString().ShouldBe("/admin");
    }

    [Fact]
    public async Task Server_side_disconnect_reaches_the_client_as_io_server_disconnect()
    {
        var server = ScenarioServer.Create();
        var left = new TaskCompletionSource<SocketIOServerDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Of("/").OnConnection(socket =>
        {
            socket.On("kick", static e => e.Socket.DisconnectAsync());
            socket.Disconnected += (_, reason) => left.TrySetResult(reason);
        });
        await using var host = await ServerHost.StartAsync(server);

        var result = await NodeClient.RunAsync(host.Uri, "kick");

        result.GetProperty("reason").GetString().ShouldBe("io server disconnect");
        result.GetProperty("active").GetBoolean().ShouldBeFalse("socket.io-client does not reconnect after a server-side disconnect");
        (await left.Task.WithSafetyNet(SafetyNet.NetworkLimit)).ShouldBe(SocketIOServerDisconnectReason.ServerDisconnect);
    }

    [Fact]
    public async Task A_request_that_is_not_a_websocket_v4_handshake_gets_the_reference_error()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var polling = await http.GetAsync(new Uri(host.Uri, "socket.io/?EIO=4&transport=polling"));
        ((int)polling.StatusCode).ShouldBe(400);
        (await polling.Content.ReadAsStringAsync()).ShouldBe("""{"code":0,"message":"Transport unknown"}""");

        var v3 = await http.GetAsync(new Uri(host.Uri, "socket.io/?EIO=3&transport=websocket"));
        ((int)v3.StatusCode).ShouldBe(400);
        (await v3.Content.ReadAsStringAsync()).ShouldBe("""{"code":5,"message":"Unsupported protocol version"}""");
    }
}
