using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Protocol.Tests.Network;
using Protocol.Core.Tests.Support;
using Protocol.JsonActions;

namespace Protocol.Core.Tests.Connections;

public sealed class JsonWebSocketConnectionTests
{
    [Fact]
    public async Task Text_frames_become_action_views_with_the_configured_name_property_and_headers_reach_the_server()
    {
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        await using var connection = new JsonWebSocketConnection(new JsonWebSocketOptions { NameProperty = "type" });
        var endpoint = new ConnectionEndpoint(server.Uri, "local", [new("X-Session", "abc")]);
        await connection.ConnectAsync(endpoint, sink, CancellationToken.None);
        var (socket, request) = await server.NextClientAsync();
        request.Headers["X-Session"].ShouldBe("abc");

        await LoopbackWebSocketServer.SendTextAsync(socket, """{"id":1,"type":"candles","data":[1,2]}""");
        await LoopbackWebSocketServer.SendTextAsync(socket, "not json");
        await socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);

        var first = await sink.NextAsync();
        first.Kind.ShouldBe(MessageKind.Action);
        first.Name.ShouldBe("candles");
        first.Payload.ShouldBe("""{"id":1,"type":"candles","data":[1,2]}""");
        var second = await sink.NextAsync();
        (second.Kind, second.Name, second.Raw).ShouldBe((MessageKind.Raw, "", "not json"));
        (await sink.NextAsync()).Kind.ShouldBe(MessageKind.Raw);
    }

    [Fact]
    public async Task A_fragmented_message_spanning_several_receive_segments_arrives_as_one_view()
    {
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        await using var connection = new JsonWebSocketConnection();
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None);
        var (socket, _) = await server.NextClientAsync();

        // Over two 16 KiB receive blocks, so the envelope sees a linearised copy of a multi-segment message.
        var big = $$"""{"action":"history","data":"{{new string('x', 40_000)}}"}""";
        var bytes = Encoding.UTF8.GetBytes(big);
        await socket.SendAsync(bytes.AsMemory(0, 100), WebSocketMessageType.Text, false, CancellationToken.None);
        await socket.SendAsync(bytes.AsMemory(100, 3000), WebSocketMessageType.Text, false, CancellationToken.None);
        await socket.SendAsync(bytes.AsMemory(3100), WebSocketMessageType.Text, true, CancellationToken.None);

        var view = await sink.NextAsync();
        view.Name.ShouldBe("history");
        view.Raw.ShouldBe(big);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_with_a_protocol_error()
    {
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        await using var connection = new JsonWebSocketConnection(new JsonWebSocketOptions { MaxInboundMessageBytes = 1024 });
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None);
        var (socket, _) = await server.NextClientAsync();

        await LoopbackWebSocketServer.SendTextAsync(socket, $$"""{"action":"huge","data":"{{new string('x', 2000)}}"}""");
        var info = await sink.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        info.Reason.ShouldBe(DisconnectReason.ProtocolError);
        info.Description!.ShouldContain("1024");
        info.Description!.ShouldContain("MaxInboundMessageBytes");
        info.Error.ShouldBeOfType<InboundMessageTooLargeException>().Limit.ShouldBe(1024);
        sink.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData(1_000_000, 2_000_000)] // not a power of two: a pool rounding buffers up must not stretch the limit
    [InlineData(1_000_000, 1_000_001)]
    [InlineData(3_000, 3_001)]
    public async Task A_message_over_a_limit_that_is_not_a_power_of_two_closes_with_a_protocol_error(int limit, int size)
    {
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        await using var connection = new JsonWebSocketConnection(new JsonWebSocketOptions { MaxInboundMessageBytes = limit });
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None);
        var (socket, _) = await server.NextClientAsync();

        var payload = new byte[size];
        payload.AsSpan().Fill((byte)'x');
        _ = socket.SendAsync(payload, WebSocketMessageType.Text, true, CancellationToken.None);

        // Before the fix the loop called ReceiveAsync with an empty buffer forever (one core at 100 %) and never reported.
        var info = await sink.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        info.Reason.ShouldBe(DisconnectReason.ProtocolError);
        info.Description!.ShouldContain(limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        sink.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_message_exactly_at_a_limit_that_is_not_a_power_of_two_is_delivered()
    {
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        await using var connection = new JsonWebSocketConnection(new JsonWebSocketOptions { MaxInboundMessageBytes = 3_000 });
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None);
        var (socket, _) = await server.NextClientAsync();

        var text = $$"""{"action":"big","data":"{{new string('x', 3_000 - 26)}}"}""";
        Encoding.UTF8.GetByteCount(text).ShouldBe(3_000);
        await LoopbackWebSocketServer.SendTextAsync(socket, text);

        (await sink.NextAsync()).Name.ShouldBe("big");
    }

    [Theory]
    [InlineData("""{"action":"\ud800"}""")]
    [InlineData("""{"action":"\udc00x"}""")]
    [InlineData("""{"action":"\ud83d\ud83d"}""")]
    public async Task An_action_name_that_is_not_valid_unicode_arrives_raw_and_the_connection_keeps_serving(string frame)
    {
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        await using var connection = new JsonWebSocketConnection();
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None);
        var (socket, _) = await server.NextClientAsync();

        await LoopbackWebSocketServer.SendTextAsync(socket, frame);
        await LoopbackWebSocketServer.SendTextAsync(socket, """{"action":"after"}""");

        var odd = await sink.NextAsync();
        (odd.Kind, odd.Raw).ShouldBe((MessageKind.Raw, frame));
        (await sink.NextAsync()).Name.ShouldBe("after");
        sink.DisconnectCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_key_that_is_not_valid_unicode_is_data_and_the_action_is_still_found()
    {
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        await using var connection = new JsonWebSocketConnection();
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None);
        var (socket, _) = await server.NextClientAsync();

        await LoopbackWebSocketServer.SendTextAsync(socket, """{"\udc00":1,"\u0061ction":"x"}""");

        var view = await sink.NextAsync();
        (view.Kind, view.Name).ShouldBe((MessageKind.Action, "x"));
    }

    [Fact]
    public async Task A_sink_that_throws_ends_the_session_as_a_transport_error_and_closes_the_socket()
    {
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink { ThrowOn = "boom" };
        await using var connection = new JsonWebSocketConnection(new JsonWebSocketOptions { CloseTimeout = TimeSpan.FromMilliseconds(200) });
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None);
        var (socket, _) = await server.NextClientAsync();

        await LoopbackWebSocketServer.SendTextAsync(socket, """{"action":"boom"}""");

        // Before: reported as ClosedByServer with no error while the socket stayed open.
        var info = await sink.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        info.Reason.ShouldBe(DisconnectReason.TransportError);
        info.Error.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe("sink failed");
        (await LoopbackWebSocketServer.ReceiveAsync(socket)).Type.ShouldBe(WebSocketMessageType.Close);
    }

    [Fact]
    public async Task A_message_and_its_attachments_go_out_back_to_back_and_concurrent_sends_do_not_interleave()
    {
        await using var server = new LoopbackWebSocketServer();
        await using var connection = new JsonWebSocketConnection();
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), new RecordingSink(), CancellationToken.None);
        var (socket, _) = await server.NextClientAsync();

        ReadOnlyMemory<byte>[] attachments = [new byte[] { 1 }, new byte[] { 2, 2 }];
        var sends = Enumerable.Range(0, 10).Select(i => connection.SendAsync(
            OutgoingMessage.WithAttachments(Encoding.UTF8.GetBytes($"header{i}"), attachments), CancellationToken.None).AsTask()).ToArray();
        await Task.WhenAll(sends);

        for (var i = 0; i < 10; i++)
        {
            var header = await LoopbackWebSocketServer.ReceiveAsync(socket);
            header.Type.ShouldBe(WebSocketMessageType.Text);
            Encoding.UTF8.GetString(header.Bytes).ShouldStartWith("header");
            (await LoopbackWebSocketServer.ReceiveAsync(socket)).Bytes.ShouldBe(new byte[] { 1 });
            (await LoopbackWebSocketServer.ReceiveAsync(socket)).Bytes.ShouldBe(new byte[] { 2, 2 });
        }
    }

    [Fact]
    public async Task Server_close_and_client_close_are_reported_once_with_their_reason()
    {
        await using var server = new LoopbackWebSocketServer();
        var byServer = new RecordingSink();
        await using (var connection = new JsonWebSocketConnection())
        {
            await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), byServer, CancellationToken.None);
            var (socket, _) = await server.NextClientAsync();
            await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "bye", CancellationToken.None);
            (await byServer.Disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10))).Reason.ShouldBe(DisconnectReason.ClosedByServer);
            await Should.ThrowAsync<ConnectionLostException>(() => connection.SendAsync(OutgoingMessage.Text("x"), CancellationToken.None).AsTask());
        }

        byServer.DisconnectCount.ShouldBe(1);

        var byClient = new RecordingSink();
        await using var second = new JsonWebSocketConnection();
        await second.ConnectAsync(new ConnectionEndpoint(server.Uri), byClient, CancellationToken.None);
        var (peer, _) = await server.NextClientAsync();
        var echo = Task.Run(async () =>
        {
            var close = await LoopbackWebSocketServer.ReceiveAsync(peer);
            close.Type.ShouldBe(WebSocketMessageType.Close);
            await peer.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        });
        using (var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await second.CloseAsync(closeTimeout.Token);
        }

        await echo;
        (await byClient.Disconnected.Task).Reason.ShouldBe(DisconnectReason.ClosedByClient);
        await second.DisposeAsync();
        byClient.DisconnectCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_client_reaches_ready_over_a_real_websocket_and_answers_commands()
    {
        await using var server = new LoopbackWebSocketServer();
        await using var client = new ClientBuilder<TestState>(new TestState())
            .UseConnection(JsonWebSocketConnection.Factory())
            .AddEndpoint(new ConnectionEndpoint(server.Uri, "loopback"))

            // The test server does not answer the close handshake; do not wait the default 5 s for it.
            .Configure(o => o.CloseTimeout = TimeSpan.FromMilliseconds(200))
            .UseLogin(new TestLogin())
            .AddPingModule()
            .Build();
        await client.ConnectAsync();
        var (socket, _) = await server.NextClientAsync();
        Encoding.UTF8.GetString((await LoopbackWebSocketServer.ReceiveAsync(socket)).Bytes).ShouldBe(TestLogin.LoginFrame);
        await LoopbackWebSocketServer.SendTextAsync(socket, """{"action":"loginOk"}""");
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));

        var pong = client.GetApi<PingApi>().PingAsync(42, TimeSpan.FromSeconds(10));
        Encoding.UTF8.GetString((await LoopbackWebSocketServer.ReceiveAsync(socket)).Bytes).ShouldBe("""{"action":"ping","id":42}""");
        await LoopbackWebSocketServer.SendTextAsync(socket, """{"action":"pong","id":42}""");
        (await pong).ShouldBe(42);
    }
}
