using System.Buffers.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Protocol.Infrastructure;

namespace Protocol.Benchmarks.Messages;

/// <summary>
/// A price read by the generated readers' helper (<see cref="WireJson.TryReadDecimal"/>, which parses the plain form itself)
/// against what it did before: <see cref="Utf8JsonReader.TryGetDecimal"/> for a number (baseline), <see cref="Utf8Parser"/>
/// for a numeric string (PocketOption sends <c>"closePrice":"1.08350"</c>). Each operation starts a reader on the token.
/// </summary>
[MemoryDiagnoser]
public class NumberReadBenchmarks
{
    private static readonly byte[] Number = "1.08350"u8.ToArray();
    private static readonly byte[] Text = "\"1.08350\""u8.ToArray();

    [Benchmark(Baseline = true)]
    public decimal ReaderNumber()
    {
        var reader = Start(Number);
        return reader.TryGetDecimal(out var value) ? value : -1;
    }

    [Benchmark]
    public decimal WireNumber()
    {
        var reader = Start(Number);
        return WireJson.TryReadDecimal(ref reader, out var value) ? value : -1;
    }

    [Benchmark]
    public decimal ParserString()
    {
        var reader = Start(Text);
        return Utf8Parser.TryParse(reader.ValueSpan, out decimal value, out var consumed) && consumed == reader.ValueSpan.Length ? value : -1;
    }

    [Benchmark]
    public decimal WireString()
    {
        var reader = Start(Text);
        return WireJson.TryReadDecimal(ref reader, out var value) ? value : -1;
    }

    private static Utf8JsonReader Start(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return reader;
    }
}
