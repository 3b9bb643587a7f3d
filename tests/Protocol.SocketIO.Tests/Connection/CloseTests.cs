namespace Protocol.SocketIO.Tests.Connection;

public sealed class CloseTests
{
    [Fact]
    public async Task DisconnectAsync_sends_41_per_namespace_then_closes_cleanly()
    {
        await using var h = new ConnectionHarness(configure: o => o.Namespaces.Add(new SocketIONamespace("/admin")));
        await h.OpenAsync();
        SocketIODisconnectInfo? raised = null;
        h.Connection.Disconnected += info => raised = info;

        var info = await h.Connection.DisconnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        info.Reason.ShouldBe(SocketIODisconnectReason.ClientDisconnect);
        raised.ShouldBe(info);
        var texts = h.Transport.SentLog.Select(f => f.Text).ToList();
        texts.ShouldContain("41");
        texts.ShouldContain("41/admin,");
        h.Transport.CloseOutputSent.ShouldBeTrue();
        h.Transport.Aborted.ShouldBeTrue(); // disposed after the close handshake
        h.Connection.ReadLoop.IsCompleted.ShouldBeTrue();
        h.Connection.SendLoop.IsCompleted.ShouldBeTrue();
        h.Clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task DisconnectAsync_aborts_when_the_server_never_answers_the_close()
    {
        await using var h = new ConnectionHarness(configure: o => o.CloseTimeout = TimeSpan.FromSeconds(3));
        h.Transport.EchoCloseOnCloseOutput = false;
        await h.OpenAsync();
        var closing = h.Connection.DisconnectAsync();
        await h.Transport.CloseOutputSentTask.WaitAsync(TimeSpan.FromSeconds(10));

        await Task.Yield();
        closing.IsCompleted.ShouldBeFalse();
        h.Clock.Advance(TimeSpan.FromSeconds(3));
        (await closing.WaitAsync(TimeSpan.FromSeconds(10))).Reason.ShouldBe(SocketIODisconnectReason.ClientDisconnect);
        h.Transport.Aborted.ShouldBeTrue();
    }

    [Fact]
    public async Task DisposeAsync_aborts_and_leaves_no_task_or_timer_behind()
    {
        var h = new ConnectionHarness();
        await h.OpenAsync();
        var pending = h.Connection.EmitWithAckAsync("pending");
        await h.Connection.DisposeAsync();

        h.Connection.ReadLoop.IsCompleted.ShouldBeTrue();
        h.Connection.SendLoop.IsCompleted.ShouldBeTrue();
        h.Connection.Completion.IsCompletedSuccessfully.ShouldBeTrue();
        (await h.Connection.Completion).Reason.ShouldBe(SocketIODisconnectReason.ClientDisconnect);
        h.Clock.ActiveTimerCount.ShouldBe(0);
        h.Transport.Disposed.ShouldBeTrue();
        await Should.ThrowAsync<SocketIOConnectionClosedException>(pending);
        await h.Connection.DisposeAsync(); // idempotent
    }

    [Fact]
    public async Task Server_close_frame_reports_server_disconnect()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        h.Transport.PushClose();
        var info = await h.WaitClosedAsync();
        info.Reason.ShouldBe(SocketIODisconnectReason.ServerDisconnect);
        h.Clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task Engine_io_close_packet_reports_server_disconnect()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        h.Transport.PushText("1");
        (await h.WaitClosedAsync()).Reason.ShouldBe(SocketIODisconnectReason.ServerDisconnect);
    }

    [Theory]
    [InlineData("42[\"connect\"]")]
    [InlineData("4abc")]
    [InlineData("9")]
    [InlineData("0{\"sid\":\"again\"}")]
    public async Task Malformed_server_input_closes_with_protocol_error(string frame)
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        h.Transport.PushText(frame);
        var info = await h.WaitClosedAsync();
        info.Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
        info.Exception.ShouldBeOfType<SocketIOProtocolException>();
    }

    [Fact]
    public async Task Binary_frame_without_a_header_is_a_protocol_error()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        h.Transport.PushBinary([1]);
        (await h.WaitClosedAsync()).Reason.ShouldBe(SocketIODisconnectReason.ProtocolError);
    }

    [Fact]
    public async Task Handshake_failure_is_typed_and_leaves_nothing_running()
    {
        await using var h = new ConnectionHarness();
        h.Transport.PushText("40");
        await Should.ThrowAsync<SocketIOHandshakeException>(() => h.Connection.ConnectAsync());
        h.Clock.ActiveTimerCount.ShouldBe(0);
        h.Transport.Disposed.ShouldBeTrue();
        (await h.WaitClosedAsync()).Reason.ShouldBe(SocketIODisconnectReason.TransportError);
    }

    [Fact]
    public async Task Handshake_times_out_on_the_fake_clock()
    {
        await using var h = new ConnectionHarness(configure: o => o.ConnectTimeout = TimeSpan.FromSeconds(5));
        var connecting = h.Connection.ConnectAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        (await Should.ThrowAsync<TimeoutException>(connecting)).Message.ShouldContain("ConnectTimeout");
    }

    [Fact]
    public async Task Sending_after_close_throws_connection_closed()
    {
        await using var h = new ConnectionHarness();
        await h.OpenAsync();
        await h.Connection.DisconnectAsync();
        Should.Throw<SocketIOConnectionClosedException>(() => h.Connection.EmitAsync("x"));
    }
}
