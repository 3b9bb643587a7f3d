using Protocol.Core.Tests.Support;

namespace Protocol.Core.Tests.Runner;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task Metrics_and_spans_cover_connects_reconnects_messages_commands_and_errors()
    {
        var name = TelemetryCapture.UniqueName("observability");
        using var capture = new TelemetryCapture(name);
        await using var h = new Harness(b => b.WithName(name));
        h.Transport.FailNextConnects(1);
        await h.Client.ConnectAsync();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var connection = await h.AcceptNextLoginAsync();
        var ping = h.Ping.PingAsync(1);
        await connection.NextSentAsync();
        connection.PushText("""{"action":"pong","id":1}""");
        await ping;

        capture.Collect();
        string[] names = [.. capture.Measurements.Select(m => m.Instrument).Distinct()];

        names.ShouldContain("protocol.connects");
        names.ShouldContain("protocol.reconnects");
        names.ShouldContain("protocol.connection.state");
        names.ShouldContain("protocol.messages.received");
        names.ShouldContain("protocol.messages.sent");
        names.ShouldContain("protocol.bytes.received");
        names.ShouldContain("protocol.bytes.sent");
        names.ShouldContain("protocol.command.duration");
        names.ShouldContain("protocol.errors");
        var spans = capture.Spans;
        spans.Where(s => s.OperationName == "protocol.connect").Count().ShouldBeGreaterThanOrEqualTo(2);
        spans.ShouldContain(s => s.OperationName == "protocol.command" && (string?)s.GetTagItem("protocol.command") == "Ping");
    }

    [Fact]
    public async Task The_session_token_in_the_login_frame_never_reaches_a_log_or_an_error_message()
    {
        await using var h = new Harness();
        var connection = await h.ConnectReadyAsync();
        connection.Drop();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await h.Transport.NextConnectionAsync();
        await second.NextSentAsync();
        second.PushText("""{"action":"loginRejected"}""");
        await h.States.NextAsync(ConnectionState.Closed);

        h.Logs.All.ShouldNotBeEmpty();
        h.Logs.All.ShouldAllBe(e => !e.Message.Contains("secret-token") && (e.Exception == null || !e.Exception.ToString().Contains("secret-token")));
        h.Client.TerminalError!.ToString().ShouldNotContain("secret-token");
        Protocol.OutgoingMessage.Text(TestLogin.LoginFrame).ToString().ShouldNotContain("secret-token");
        new Protocol.ConnectionEndpoint(new Uri("wss://h.example/ws?token=secret-token"), null, [new("Cookie", "secret-token")]).ToString().ShouldNotContain("secret-token");
    }
}
