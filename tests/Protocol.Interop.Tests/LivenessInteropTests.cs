using Protocol.Testing;
using Protocol.SocketIO;
using System.Text.Json;
using Protocol.Interop.Tests.Fixture;

namespace Protocol.Interop.Tests;

/// <summary>
/// Heartbeat and link loss against a dedicated server each (they stop, kill or freeze it). In the peer collection so
/// they never run beside the 100,000-event flood: on 2 cores a saturated CPU can delay a pong past a short pingTimeout.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class LivenessInteropTests
{
    [Fact]
    public async Task Holds_a_short_heartbeat_over_several_intervals()
    {
        // A generous pingTimeout: the test is about the client answering every ping, not about scheduling jitter.
        await using var server = await PeerServer.StartAsync(pingIntervalMs: 300, pingTimeoutMs: 2000);
        await using var client = await InteropClient.ConnectAsync(server.Uri);
        client.Connection.Handshake!.PingInterval.ShouldBe(TimeSpan.FromMilliseconds(300));

        // The server reports every pong it receives; wait for the fifth (about 1.5 s of 300 ms pings).
        var pongs = 0;
        while (pongs < 5)
        {
            var seen = await client.NextEventAsync("pong-seen");
            seen.Arg(0).GetInt32().ShouldBe(pongs + 1);
            pongs = seen.Arg(0).GetInt32();
        }

        pongs.ShouldBeGreaterThanOrEqualTo(5);
        client.Connection.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task Reports_the_link_lost_when_the_server_process_is_killed()
    {
        await using var server = await PeerServer.StartAsync();
        await using var client = await InteropClient.ConnectAsync(server.Uri);
        var pending = client.Connection.EmitWithAckAsync("never-answered", timeout: TimeSpan.FromSeconds(30));
        await server.KillAsync();

        var info = await client.Connection.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        info.Reason.ShouldBeOneOf(SocketIODisconnectReason.TransportError, SocketIODisconnectReason.ServerDisconnect);
        (await Should.ThrowAsync<SocketIOConnectionClosedException>(pending)).Info.ShouldBe(info);
        client.Connection.ReadLoop.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task Reports_ping_timeout_when_the_server_is_frozen()
    {
        await using var server = await PeerServer.StartAsync(pingIntervalMs: 300, pingTimeoutMs: 200);
        await using var client = await InteropClient.ConnectAsync(server.Uri);
        server.Freeze();
        try
        {
            // The reason says the client's own watchdog ended it (pingInterval + pingTimeout = 500 ms after the last ping),
            // not a TCP timeout; its timing is asserted on the fake clock (HeartbeatTests), not on this machine's.
            var info = await client.Connection.Completion.WaitAsync(SafetyNet.NetworkLimit);
            info.Reason.ShouldBe(SocketIODisconnectReason.PingTimeout);
        }
        finally
        {
            server.Thaw();
        }
    }
}
