using BenchmarkDotNet.Attributes;
using Protocol.SocketIO;
using PeerClient = SocketIOClient.SocketIO;
using PeerOptions = SocketIOClient.SocketIOOptions;

namespace Protocol.Benchmarks.Sending;

/// <summary>
/// Side by side with SocketIOClient 3.0.6 (the baseline): N events of the same shape sent to the same local Socket.IO
/// server on 127.0.0.1 that reads and discards. Ours is a typed <c>Client.SendAsync&lt;TMessage&gt;</c> through the runtime.
/// Per send (OperationsPerInvoke): sends/s = 1 / mean. Allocation counts every thread, the server's reads included.
/// </summary>
[MemoryDiagnoser]
public class SendComparisonBenchmarks
{
    private const int Sends = 2_000;

    private static readonly object PeerPayload = new ChangeSymbolPayload("EURUSD_otc", 60);
    private readonly BenchChangeSymbol _message = new() { Asset = "EURUSD_otc", Period = 60 };
    private SocketIODiscardServer _server = null!;
    private PeerClient _peer = null!;
    private Client<object> _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = new SocketIODiscardServer();
        _peer = new PeerClient(_server.HttpUri, new PeerOptions
        {
            EIO = 4,
            Transport = SocketIOClient.Transport.TransportProtocol.WebSocket,
            AutoUpgrade = false,
            Reconnection = false,
        });
        _peer.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

        _client = new ClientBuilder<object>(new object())
            .UseConnection(SocketIOTransportConnection.Factory())
            .AddEndpoint(new ConnectionEndpoint(_server.EngineIOUri))
            .Build();
        _client.ConnectAsync().GetAwaiter().GetResult();
        _client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _peer.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Sends)]
    public async Task SocketIOClient306()
    {
        for (var i = 0; i < Sends; i++)
        {
            await _peer.EmitAsync("changeSymbol", PeerPayload);
        }
    }

    [Benchmark(OperationsPerInvoke = Sends)]
    public async Task ProtocolClientTypedSend()
    {
        for (var i = 0; i < Sends; i++)
        {
            await _client.SendAsync(_message);
        }
    }

    /// <summary>The peer serialises a CLR object: the same JSON as <see cref="BenchChangeSymbol"/>.</summary>
    public sealed record ChangeSymbolPayload(string asset, long period);
}
