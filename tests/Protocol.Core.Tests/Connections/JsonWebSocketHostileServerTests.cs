using System.Net.WebSockets;
using Protocol.Connections;
using Protocol.Connections.WebSockets;
using Protocol.Testing;
using Protocol.Testing.Time;
using Protocol.Tests.Network;
using static Protocol.Tests.Network.LoopbackWebSocketServer;

namespace Protocol.Core.Tests.Connections;

/// <summary>The JSON-action connection against a real loopback server that misbehaves; each test asserts what the runtime is told.</summary>
public sealed class JsonWebSocketHostileServerTests
{
    [Fact]
    public async Task Endless_fragments_are_cut_off_at_the_message_bound()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, sink, clock) = await OpenAsync(server, new JsonWebSocketOptions { ReceiveBufferSize = 1024, MaxMessageSize = 64 * 1024 });

        var sent = await SendEndlessFragmentsAsync(socket, fragmentSize: 4 * 1024, maxFragments: 10_000).WithSafetyNet();

        var info = await sink.Disconnected.Task.WithSafetyNet();
        info.Reason.ShouldBe(DisconnectReason.ProtocolError);
        info.Description.ShouldNotBeNull().ShouldContain("MaxMessageSize");
        sent.ShouldBeLessThan(10_000, "the client stopped reading instead of buffering forever");
        await AssertNothingLeftAsync(connection, clock);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_text_frame_ends_the_session_saying_so()
    {
        await using var server = new LoopbackWebSocketServer();
        var (connection, socket, sink, clock) = await OpenAsync(server, new JsonWebSocketOptions());

        await SendRawTextAsync(socket, [.. "{\"action\":\""u8, 0xC3, 0x28, .. "\"}"u8]);

        var info = await sink.Disconnected.Task.WithSafetyNet();
        info.Reason.ShouldBe(DisconnectReason.TransportError);
        info.Description.ShouldNotBeNull().ShouldContain("UTF-8");
        info.Error.ShouldBeOfType<WebSocketException>();
        sink.Count.ShouldBe(0);
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
        var (connection, socket, sink, clock) = await OpenAsync(server, new JsonWebSocketOptions());

        await CloseAsync(socket, code, reason);

        var info = await sink.Disconnected.Task.WithSafetyNet();
        info.Reason.ShouldBe(DisconnectReason.ClosedByServer);
        info.Description.ShouldNotBeNull().ShouldContain(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Description.ShouldContain($"\"{reason}\"");
        await AssertNothingLeftAsync(connection, clock);
    }

    private static async Task<(JsonWebSocketConnection Connection, WebSocket Socket, RecordingSink Sink, TimerCountingTimeProvider Clock)> OpenAsync(
        LoopbackWebSocketServer server,
        JsonWebSocketOptions options)
    {
        var clock = new TimerCountingTimeProvider();
        options.TimeProvider = clock;
        options.IdleTimeout = TimeSpan.FromMinutes(1); // the liveness timer runs too, and must be gone after dispose
        var sink = new RecordingSink();
        var connection = new JsonWebSocketConnection(options);
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None).AsTask().WithSafetyNet();
        var (socket, _) = await server.NextClientAsync();
        return (connection, socket, sink, clock);
    }

    private static async Task AssertNothingLeftAsync(JsonWebSocketConnection connection, TimerCountingTimeProvider clock)
    {
        await connection.DisposeAsync().AsTask().WithSafetyNet();
        clock.ActiveTimerCount.ShouldBe(0);
    }
}
