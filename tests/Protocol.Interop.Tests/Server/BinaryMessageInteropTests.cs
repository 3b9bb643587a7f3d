using System.Collections.Concurrent;
using Protocol.SocketIO;

namespace Protocol.Interop.Tests.Server;

// Generated messages with binary members (issue #10), sent and read by the client runtime against Protocol's own server.
[ProtocolMessage("echo", Direction = WireDirection.Outgoing)]
public sealed partial class EchoUpload
{
    public byte[] File { get; set; } = [];

    public string Name { get; set; } = "";

    public List<EchoPart> Parts { get; set; } = [];
}

[ProtocolMessage("echo-back", Direction = WireDirection.Incoming)]
public sealed partial class EchoedUpload
{
    public byte[] File { get; set; } = [];

    public string Name { get; set; } = "";

    public List<EchoPart> Parts { get; set; } = [];
}

[WireType]
public sealed partial class EchoPart
{
    public ReadOnlyMemory<byte> Data { get; set; }
}

// What the scenario server's send-binary emits: {"nested":{"a":<bytes 1,2,3>,"list":[<empty bytes>]}},"tail".
[ProtocolMessage("bin", Direction = WireDirection.Incoming)]
public sealed partial class ServerBinary
{
    public ServerBinaryNested Nested { get; set; } = new();
}

[WireType]
public sealed partial class ServerBinaryNested
{
    public byte[] A { get; set; } = [];

    public List<byte[]> List { get; set; } = [];
}

/// <summary>The client runtime sends a generated message with binary members two-step and reads the server's nested placeholders.</summary>
public sealed class BinaryMessageInteropTests
{
    [Fact]
    public async Task A_message_with_nested_byte_arrays_goes_two_step_and_the_echo_reads_back_through_its_placeholders()
    {
        await using var host = await ServerHost.StartAsync(ScenarioServer.Create());
        var echoes = new ConcurrentQueue<EchoedUpload>();
        var binaries = new ConcurrentQueue<ServerBinary>();
        var echoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new ClientBuilder<object>(new object())
            .UseConnection(SocketIOTransportConnection.Factory(o => o.ConnectTimeout = TimeSpan.FromSeconds(10)))
            .AddEndpoint(new ConnectionEndpoint(new UriBuilder(host.Uri) { Scheme = "ws", Path = "/socket.io/", Query = "EIO=4&transport=websocket" }.Uri, "own"))
            .AddLightweightHandler("record", (message, _) =>
            {
                if (EchoedUpload.Matches(message) && EchoedUpload.TryRead(message, out var echo))
                {
                    echoes.Enqueue(echo);
                    echoed.TrySetResult();
                }
                else if (ServerBinary.Matches(message) && ServerBinary.TryRead(message, out var binary))
                {
                    binaries.Enqueue(binary);
                    received.TrySetResult();
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

        await client.SendAsync(OutgoingMessage.Text("42[\"send-binary\"]"u8.ToArray()));
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var bin = binaries.Single();
        bin.Nested.A.ShouldBe(new byte[] { 1, 2, 3 });
        bin.Nested.List.Single().ShouldBeEmpty();
    }
}
