using System.Collections.Concurrent;
using Protocol.Interop.Tests.Fixture;
using Protocol.Interop.Tests.Server;
using Protocol.SocketIO;

namespace Protocol.Interop.Tests;

/// <summary>
/// A generated message with nested byte arrays against the real socket.io server (peer/server.js): socket.io-parser
/// reassembles our two-step frame into Buffers and its echo comes back as its own two-step frame, read through the placeholders.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class BinaryMessagePeerInteropTests(PeerServerFixture peer)
{
    [Fact]
    public async Task The_real_socket_io_server_reads_our_nested_byte_arrays_and_its_echo_reads_back()
    {
        var echoes = new ConcurrentQueue<EchoedUpload>();
        var echoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new ClientBuilder<object>(new object())
            .UseConnection(SocketIOTransportConnection.Factory(o => o.ConnectTimeout = TimeSpan.FromSeconds(10)))
            .AddEndpoint(new ConnectionEndpoint(new UriBuilder(peer.Server.Uri) { Scheme = "ws" }.Uri, "peer"))
            .AddLightweightHandler("record", (message, _) =>
            {
                if (EchoedUpload.Matches(message) && EchoedUpload.TryRead(message, out var echo))
                {
                    echoes.Enqueue(echo);
                    echoed.TrySetResult();
                }
            })
            .Build();
        await client.ConnectAsync();
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));

        await client.SendAsync(new EchoUpload { File = [1, 2, 3], Name = "a", Parts = [new EchoPart { Data = Array.Empty<byte>() }, new EchoPart { Data = new byte[] { 9 } }] });
        await echoed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var back = echoes.Single();
        back.Name.ShouldBe("a");
        back.File.ShouldBe(new byte[] { 1, 2, 3 });
        back.Parts.Select(p => p.Data.ToArray()).ShouldBe([[], [9]]);
    }
}
