using System.Text;
using Protocol.Tests.Network;
using Protocol.Testing;
using Protocol.Testing.Time;
using Protocol.JsonActions;

namespace Protocol.Core.Tests.Connections;

public sealed class JsonWebSocketLivenessTests
{
    [Fact]
    public async Task A_silent_server_ends_the_session_with_a_timeout_on_the_fake_clock()
    {
        var clock = new TimerCountingTimeProvider();
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        var connection = new JsonWebSocketConnection(new JsonWebSocketOptions { IdleTimeout = TimeSpan.FromSeconds(10), TimeProvider = clock });
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        var (socket, _) = await server.NextClientAsync();

        clock.Advance(TimeSpan.FromSeconds(6));
        await LoopbackWebSocketServer.SendTextAsync(socket, """{"action":"tick"}""");
        (await sink.NextAsync()).Name.ShouldBe("tick");
        clock.Advance(TimeSpan.FromSeconds(6));
        sink.Disconnected.Task.IsCompleted.ShouldBeFalse("a frame arrived 6 s ago, within the 10 s window");

        clock.Advance(TimeSpan.FromSeconds(4));
        var info = await sink.Disconnected.Task.WithSafetyNet(SafetyNet.NetworkLimit);
        info.Reason.ShouldBe(DisconnectReason.Timeout);
        info.Description.ShouldNotBeNull().ShouldContain("IdleTimeout");
        info.Description.ShouldContain("10000 ms");

        await connection.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        clock.ActiveTimerCount.ShouldBe(0);
        sink.DisconnectCount.ShouldBe(1);
    }

    [Fact]
    public async Task An_application_ping_goes_out_after_each_quiet_interval_and_its_answer_keeps_the_session_alive()
    {
        var clock = new TimerCountingTimeProvider();
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        var connection = new JsonWebSocketConnection(new JsonWebSocketOptions
        {
            IdleTimeout = TimeSpan.FromSeconds(12),
            PingMessage = """{"action":"ping"}""",
            PingAfterIdle = TimeSpan.FromSeconds(5),
            TimeProvider = clock,
        });
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        var (socket, _) = await server.NextClientAsync();

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            Encoding.UTF8.GetString((await LoopbackWebSocketServer.ReceiveAsync(socket)).Bytes).ShouldBe("""{"action":"ping"}""");
            await LoopbackWebSocketServer.SendTextAsync(socket, """{"action":"pong"}""");
            (await sink.NextAsync()).Name.ShouldBe("pong");
        }

        sink.Disconnected.Task.IsCompleted.ShouldBeFalse("every ping was answered");

        // Now the server stops answering: one more ping at +5 s, another at +10 s, then the 12 s timeout.
        clock.Advance(TimeSpan.FromSeconds(5));
        (await LoopbackWebSocketServer.ReceiveAsync(socket)).Bytes.Length.ShouldBeGreaterThan(0);
        clock.Advance(TimeSpan.FromSeconds(5));
        (await LoopbackWebSocketServer.ReceiveAsync(socket)).Bytes.Length.ShouldBeGreaterThan(0);
        clock.Advance(TimeSpan.FromSeconds(2));
        (await sink.Disconnected.Task.WithSafetyNet(SafetyNet.NetworkLimit)).Reason.ShouldBe(DisconnectReason.Timeout);

        await connection.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task Without_liveness_settings_no_timer_runs()
    {
        var clock = new TimerCountingTimeProvider();
        await using var server = new LoopbackWebSocketServer();
        var sink = new RecordingSink();
        var connection = new JsonWebSocketConnection(new JsonWebSocketOptions { TimeProvider = clock });
        await connection.ConnectAsync(new ConnectionEndpoint(server.Uri), sink, CancellationToken.None).AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
        await server.NextClientAsync();
        clock.ActiveTimerCount.ShouldBe(0);
        clock.Advance(TimeSpan.FromHours(1));
        sink.Disconnected.Task.IsCompleted.ShouldBeFalse();
        await connection.DisposeAsync().AsTask().WithSafetyNet(SafetyNet.NetworkLimit);
    }

    [Fact]
    public void Liveness_settings_are_validated_with_the_setting_named()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new JsonWebSocketConnection(new JsonWebSocketOptions { IdleTimeout = TimeSpan.Zero })).ParamName.ShouldBe("IdleTimeout");
        Should.Throw<ArgumentException>(() => new JsonWebSocketConnection(new JsonWebSocketOptions { PingMessage = "" })).ParamName.ShouldBe("PingMessage");
        var tooLate = Should.Throw<ArgumentException>(() => new JsonWebSocketConnection(new JsonWebSocketOptions
        {
            PingMessage = "{}",
            PingAfterIdle = TimeSpan.FromSeconds(10),
            IdleTimeout = TimeSpan.FromSeconds(10),
        }));
        tooLate.ParamName.ShouldBe("PingAfterIdle");
        tooLate.Message.ShouldContain("shorter than IdleTimeout");
    }
}
