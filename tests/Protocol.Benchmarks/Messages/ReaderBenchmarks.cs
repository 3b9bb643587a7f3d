using Protocol;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

[assembly: ProtocolPlatform("Bench", Envelope = WireEnvelope.SocketIO)]

namespace Protocol.Benchmarks.Messages;

/// <summary>
/// Reading one PocketOption-shaped <c>updateStream</c> tick into a typed value. Baseline: the minimum by hand, a
/// synchronous <see cref="Utf8JsonReader"/> pass over the payload building the same value. Ours: the generated reader
/// through the message view, which also refuses text that is not Unicode and a frame malformed after its data.
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private static readonly byte[] Payload = """["updateStream",[["EURUSD_otc",1751882400.5,1.08321]]]"""u8.ToArray();

    // The layout the Socket.IO mapper hands in with the message: argument 0 is the array after `["updateStream",`.
    private static readonly ArgumentSlice[] Arguments = [ArgumentSlice.InPayload(16, Payload.Length - 17)];

    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        var reader = new Utf8JsonReader(Payload);
        reader.Read(); // [
        reader.Read(); // "updateStream"
        reader.Read(); // [ of ticks
        var ticks = new List<BenchTick>(1);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            var symbol = reader.GetString()!;
            reader.Read();
            var time = reader.GetDouble();
            reader.Read();
            var price = reader.GetDecimal();
            reader.Read(); // ]
            ticks.Add(new BenchTick { Symbol = symbol, Time = time, Price = price });
        }

        return new BenchStream { Ticks = [.. ticks] }.Ticks.Length;
    }

    [Benchmark]
    public int Generated()
    {
        var view = new MessageView(MessageKind.Event, Payload, "updateStream"u8, Payload, Arguments, default, "/"u8);
        return BenchStream.TryRead(view, out var value) ? value.Ticks.Length : -1;
    }
}

/// <summary>A tick: <c>[symbol, time, price]</c>.</summary>
[WireType(Layout = WireLayout.Array, ArrayLength = 3)]
public partial struct BenchTick
{
    /// <summary>The asset.</summary>
    [WireIndex(0)] public string Symbol { get; set; }

    /// <summary>Unix time, seconds.</summary>
    [WireIndex(1)] public double Time { get; set; }

    /// <summary>The price.</summary>
    [WireIndex(2)] public decimal Price { get; set; }
}

/// <summary><c>42["updateStream",[[symbol,time,price],…]]</c>.</summary>
[ProtocolMessage("updateStream", Layout = WireLayout.Value)]
public sealed partial class BenchStream
{
    /// <summary>The ticks.</summary>
    public BenchTick[] Ticks { get; set; } = [];
}
