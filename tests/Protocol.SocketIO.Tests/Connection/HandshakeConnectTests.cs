namespace Protocol.SocketIO.Tests.Connection;

/// <summary>Issue #8: whatever the open packet says, ConnectAsync fails with a SocketIOHandshakeException and leaves nothing running.</summary>
public sealed class HandshakeConnectTests
{
    [Theory]
    [InlineData("0{\"sid\":\"\\ud800\"}", "sid")]
    [InlineData("0{\"sid\":\"x\",\"upgrades\":[\"\\udc00\"]}", "upgrades")]
    [InlineData("0{\"sid\":\"x\",\"pingInterval\":4294967295}", "pingInterval")]
    [InlineData("0{\"sid\":\"x\",\"pingTimeout\":9007199254740992}", "pingTimeout")]
    [InlineData("0{\"sid\":\"x\",\"maxPayload\":1}", "maxPayload")]
    public async Task A_bad_open_packet_fails_ConnectAsync_with_a_handshake_exception(string open, string mentions)
    {
        await using var h = new ConnectionHarness();
        h.Transport.PushText(open);

        var ex = await Should.ThrowAsync<SocketIOHandshakeException>(() => h.Connection.ConnectAsync());
        ex.Message.ShouldContain(mentions);
        h.Clock.ActiveTimerCount.ShouldBe(0);
        h.Transport.Disposed.ShouldBeTrue();
        (await h.WaitClosedAsync()).Reason.ShouldBe(SocketIODisconnectReason.TransportError);
    }

    [Fact]
    public async Task Invalid_utf8_in_the_open_packet_fails_ConnectAsync_with_a_handshake_exception()
    {
        await using var h = new ConnectionHarness();
        h.Transport.PushText([.. "0{\"sid\":\""u8, 0xFF, .. "\"}"u8]);

        (await Should.ThrowAsync<SocketIOHandshakeException>(() => h.Connection.ConnectAsync())).Message.ShouldContain("UTF-8");
        h.Clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_max_payload_too_small_for_a_namespace_connect_names_the_namespace()
    {
        // 40/admin,{"token":"secret-token"} does not fit in 20 bytes; the message must not quote the auth object.
        await using var h = new ConnectionHarness(configure: o =>
        {
            o.Namespaces.Clear();
            o.Namespaces.Add(new SocketIONamespace("/admin", "{\"token\":\"secret-token\"}"u8.ToArray()));
        });
        h.Transport.PushText("0{\"sid\":\"x\",\"maxPayload\":20}");

        var ex = await Should.ThrowAsync<SocketIOHandshakeException>(() => h.Connection.ConnectAsync());
        ex.Message.ShouldContain("/admin");
        ex.Message.ShouldContain("maxPayload");
        ex.Message.ShouldNotContain("secret");
        h.Clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_longest_timings_arm_the_watchdog()
    {
        await using var h = new ConnectionHarness(configure: o => o.Namespaces.Clear());
        h.Transport.PushText("0{\"sid\":\"x\",\"pingInterval\":2147483647,\"pingTimeout\":2147483647,\"maxPayload\":1}");

        await h.Connection.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        h.Connection.Handshake!.PingInterval.ShouldBe(TimeSpan.FromMilliseconds(int.MaxValue));
        h.Clock.ActiveTimerCount.ShouldBe(1);
        h.Clock.Advance(TimeSpan.FromMilliseconds(2.0 * int.MaxValue));
        (await h.WaitClosedAsync()).Reason.ShouldBe(SocketIODisconnectReason.PingTimeout);
    }
}
