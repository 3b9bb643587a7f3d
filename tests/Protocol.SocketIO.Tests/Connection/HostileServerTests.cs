using System.Net.WebSockets;
using System.Text;
using Protocol.SocketIO.Transport;
using Protocol.Testing;
using Protocol.Testing.Time;
using Protocol.Tests.Network;
using static Protocol.Tests.Network.LoopbackWebSocketServer;

namespace Protocol.SocketIO.Tests.Connection;

/// <summary>
/// A real WebSocket server on 127.0.0.1 that misbehaves; the client's timing runs on a fake clock. Each test asserts the
/// typed error the user sees and that nothing is left running after DisposeAsync.
/// </summary>
public sealed class HostileServerTests
{
    private const string OpenPacket = "0{\"sid\":\"hostile\",\"upgrades\":[],\"pingInterval\":1000,\"pingTimeout\":500,\"maxPayload\":1000000}";

    [Theory]
    [InlineData("HTTP/1.1 200 OK")]
    [InlineData("0{\"sid\":")]
    [InlineData("40")]
    public async Task Garbage_instead_of_the_open_packet_fails_the_connect_typed(string first)
    {
        await using var server = new LoopbackWebSocketServer();
        var clock = new TimerCountingTimeProvider();
        var connection = new SocketIOConnection(new SocketIOOptions { ServerUri = server.HttpUri, TimeProvider = clock });
        var connecting = connection.ConnectAsync();
        var (socket, _) = await server.NextClientAsync();
        await SendTextAsync(socket, first);

        var ex = await Should.ThrowAsync<SocketIOHandshakeException>(connecting.WithSafetyNet());
        ex.Message.ShouldContain("open packet", Case.Insensitive);
        await AssertNothingLeftAsync(connection, clock);
    }

    [Fact]
    public async Task A_text_message_over_the_inbound_bound_ends_the_session_typed()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock) = await OpenAsync(server, o => o.MaxInboundMessageBytes = 64 * 1024);

        await SendTextAsync(socket, "42[\"big\",\"" + new string('x', 100_000) + "\"]");

        var info = await connection.Completion.WithSafetyNet();
        info.Reason.ShouldBe(DisconnectReason.TransportError);
        info.Exception.ShouldBeOfType<FrameTooLargeException>().Limit.ShouldBe(64 * 1024);
        await AssertNothingLeftAsync(connection, clock);
    }

    [Fact]
    public async Task A_binary_message_over_the_inbound_bound_ends_the_session_typed()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock) = await OpenAsync(server, o => o.MaxInboundMessageBytes = 64 * 1024);

        await SendTextAsync(socket, "453-[\"files\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":2}]");
        await SendBinaryAsync(socket, new byte[30_000]);
        await SendBinaryAsync(socket, new byte[30_000]);
        await SendBinaryAsync(socket, new byte[30_000]);

        var info = await connection.Completion.WithSafetyNet();
        info.Reason.ShouldBe(DisconnectReason.ProtocolError);
        info.Exception.ShouldBeOfType<SocketIOProtocolException>().Error.ShouldBe(SocketIOProtocolError.MessageTooLarge);
        await AssertNothingLeftAsync(connection, clock);
    }

    [Fact]
    public async Task Endless_fragments_are_cut_off_at_the_bound()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock) = await OpenAsync(server, o => o.MaxInboundMessageBytes = 256 * 1024);

        var sent = await SendEndlessFragmentsAsync(socket, fragmentSize: 16 * 1024, maxFragments: 10_000).WithSafetyNet();

        var info = await connection.Completion.WithSafetyNet();
        info.Reason.ShouldBe(DisconnectReason.TransportError);
        info.Exception.ShouldBeOfType<FrameTooLargeException>();
        sent.ShouldBeLessThan(10_000, "the client aborted the socket instead of buffering forever");
        await AssertNothingLeftAsync(connection, clock);
    }

    [Fact]
    public async Task Attachments_announced_and_never_sent_end_the_session_after_the_attachment_timeout()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock) = await OpenAsync(server, o =>
        {
            o.AttachmentTimeout = TimeSpan.FromSeconds(20);
            o.HeartbeatTimeout = TimeSpan.FromHours(1);
        });

        await SendTextAsync(socket, "452-[\"pair\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await SendBinaryAsync(socket, [1, 2, 3]);
        await PingAsync(socket); // the frames before it were read once its pong comes back

        clock.Advance(TimeSpan.FromSeconds(19));
        connection.Completion.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));

        var info = await connection.Completion.WithSafetyNet();
        info.Reason.ShouldBe(DisconnectReason.ProtocolError);
        var error = info.Exception.ShouldBeOfType<SocketIOProtocolException>();
        error.Error.ShouldBe(SocketIOProtocolError.AttachmentTimeout);
        error.Message.ShouldContain("1 of its attachment");
        await AssertNothingLeftAsync(connection, clock);
    }

    [Fact]
    public async Task A_silent_server_is_declared_dead_by_the_watchdog()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, _, clock) = await OpenAsync(server);

        clock.Advance(TimeSpan.FromMilliseconds(1499));
        connection.Completion.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1));

        var info = await connection.Completion.WithSafetyNet();
        info.Reason.ShouldBe(DisconnectReason.PingTimeout);
        info.Description.ShouldContain("1500 ms");
        await AssertNothingLeftAsync(connection, clock);
    }

    [Fact]
    public async Task A_server_that_stops_pinging_mid_session_is_declared_dead()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock) = await OpenAsync(server);
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1000));
            await PingAsync(socket);
        }

        connection.Completion.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1500));

        (await connection.Completion.WithSafetyNet()).Reason.ShouldBe(DisconnectReason.PingTimeout);
        await AssertNothingLeftAsync(connection, clock);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_text_frame_ends_the_session_typed()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock) = await OpenAsync(server);

        await SendRawTextAsync(socket, [.. "42[\"ev\",\""u8, 0xFF, 0xFE, .. "\"]"u8]);

        var info = await connection.Completion.WithSafetyNet();
        info.Reason.ShouldBe(DisconnectReason.TransportError);
        info.Exception.ShouldBeOfType<WebSocketException>().Message.ShouldContain("UTF-8", Case.Insensitive);
        await AssertNothingLeftAsync(connection, clock);
    }

    [Theory]
    [InlineData(1001, "going away")]
    [InlineData(1011, "internal error")]
    [InlineData(4000, "kicked")]
    [InlineData(4999, "custom")]
    public async Task Unusual_close_codes_end_the_session_with_the_code_and_the_reason(int code, string reason)
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, clock) = await OpenAsync(server);

        await CloseAsync(socket, code, reason);

        var info = await connection.Completion.WithSafetyNet();
        info.Reason.ShouldBe(DisconnectReason.ServerDisconnect);
        info.Description.ShouldContain(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Description.ShouldContain($"\"{reason}\"");
        await AssertNothingLeftAsync(connection, clock);
    }

    private static async Task<(SocketIOConnection Connection, WebSocket Socket, TimerCountingTimeProvider Clock)> OpenAsync(
        LoopbackWebSocketServer server,
        Action<SocketIOOptions>? configure = null)
    {
        var clock = new TimerCountingTimeProvider();
        var options = new SocketIOOptions { ServerUri = server.HttpUri, TimeProvider = clock };
        configure?.Invoke(options);
        var connection = new SocketIOConnection(options);
        var connecting = connection.ConnectAsync();
        var (socket, request) = await server.NextClientAsync();
        request.Url!.AbsolutePath.ShouldBe("/socket.io/");
        await SendTextAsync(socket, OpenPacket);
        (await ReceiveTextAsync(socket)).ShouldBe("40");
        await SendTextAsync(socket, "40{\"sid\":\"s\"}");
        await connecting.WithSafetyNet();
        return (connection, socket, clock);
    }

    private static async Task PingAsync(WebSocket socket)
    {
        await SendTextAsync(socket, "2");
        (await ReceiveTextAsync(socket)).ShouldBe("3");
    }

    private static async Task AssertNothingLeftAsync(SocketIOConnection connection, TimerCountingTimeProvider clock)
    {
        await connection.DisposeAsync().AsTask().WithSafetyNet();
        connection.ReadLoop.IsCompleted.ShouldBeTrue();
        connection.SendLoop.IsCompleted.ShouldBeTrue();
        clock.ActiveTimerCount.ShouldBe(0);
    }
}
