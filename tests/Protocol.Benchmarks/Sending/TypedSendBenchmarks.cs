using System.Buffers;
using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Protocol.SocketIO;

namespace Protocol.Benchmarks.Sending;

/// <summary>
/// A typed send from <c>Client.SendAsync&lt;TMessage&gt;</c> to the socket (generated writer -> runtime -> the Socket.IO
/// connection's one writer -> WebSocket) against the minimum done by hand in the same run: a reused
/// <see cref="Utf8JsonWriter"/> into a reused buffer and a raw <see cref="ClientWebSocket"/> send of the same frame. Both
/// send to a local server on 127.0.0.1 that reads and discards. Per send (OperationsPerInvoke); read the ratio column.
/// Allocation counts every thread, the server's reads included (the same in both rows).
/// </summary>
[MemoryDiagnoser]
public class TypedSendBenchmarks
{
    private const int Sends = 10_000;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly BenchChangeSymbol _message = new() { Asset = "EURUSD_otc", Period = 60 };
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private SocketIODiscardServer _server = null!;
    private ClientWebSocket _raw = null!;
    private Utf8JsonWriter _writer = null!;
    private Client<object> _client = null!;
    private SocketIOConnection _connection = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = new SocketIODiscardServer();
        _raw = new ClientWebSocket();
        _raw.ConnectAsync(_server.EngineIOUri, CancellationToken.None).GetAwaiter().GetResult();
        _writer = new Utf8JsonWriter(_buffer, WriterOptions);

        _client = new ClientBuilder<object>(new object())
            .UseConnection(SocketIOTransportConnection.Factory())
            .AddEndpoint(new ConnectionEndpoint(_server.EngineIOUri))
            .Build();
        _client.ConnectAsync().GetAwaiter().GetResult();
        _client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

        _connection = new SocketIOConnection(new SocketIOOptions { ServerUri = _server.HttpUri });
        _connection.ConnectAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _raw.Abort();
        _raw.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Sends)]
    public async Task HandWrittenWriterAndRawWebSocket()
    {
        for (var i = 0; i < Sends; i++)
        {
            _buffer.ResetWrittenCount();
            "42"u8.CopyTo(_buffer.GetSpan(2));
            _buffer.Advance(2);
            _writer.Reset(_buffer);
            _writer.WriteStartArray();
            _writer.WriteStringValue("changeSymbol"u8);
            _writer.WriteStartObject();
            _writer.WriteString("asset"u8, _message.Asset);
            _writer.WriteNumber("period"u8, _message.Period);
            _writer.WriteEndObject();
            _writer.WriteEndArray();
            _writer.Flush();
            await _raw.SendAsync(_buffer.WrittenMemory, WebSocketMessageType.Text, true, CancellationToken.None);
        }
    }

    [Benchmark(OperationsPerInvoke = Sends)]
    public async Task ClientTypedSend()
    {
        for (var i = 0; i < Sends; i++)
        {
            await _client.SendAsync(_message);
        }
    }

    [Benchmark(OperationsPerInvoke = Sends)]
    public async Task ConnectionEmitAsync()
    {
        var arguments = "{\"asset\":\"EURUSD_otc\",\"period\":60}"u8.ToArray();
        for (var i = 0; i < Sends; i++)
        {
            await _connection.EmitAsync("changeSymbol", arguments);
        }
    }
}

/// <summary>PocketOption's <c>changeSymbol</c>, generated for the benchmark platform.</summary>
[ProtocolMessage("changeSymbol")]
public sealed partial class BenchChangeSymbol
{
    /// <summary>The asset.</summary>
    public string Asset { get; set; } = "";

    /// <summary>The candle period in seconds.</summary>
    public long Period { get; set; }
}
