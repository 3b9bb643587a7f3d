using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Protocol.Infrastructure;

namespace Protocol.Benchmarks.Messages;

/// <summary>
/// Writing one PocketOption-shaped <c>openOrder</c> (eight members: strings, numbers, a string enum) as JSON. Baseline: the same
/// object written by hand with the same <see cref="Utf8JsonWriter"/> (the frames' options) and UTF-8 literal names, one call for the
/// name and one for the value, as the generator wrote it before its names moved to the shared class. Ours: the generated
/// <c>WriteJson</c>, which writes pre-encoded <see cref="JsonEncodedText"/> names from the assembly's shared class, name and value
/// in one call. Both reuse one writer and one buffer, so neither allocates.
/// </summary>
[MemoryDiagnoser]
public class WriterBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;
    private readonly BenchOrder _order = new()
    {
        Asset = "EURUSD_otc",
        Action = BenchSide.Put,
        Amount = 12.5m,
        IsDemo = 1,
        OptionType = 100,
        RequestId = "a7f3c1d2",
        Time = 60,
        Expiration = 1751882460,
    };

    public WriterBenchmarks() => _writer = new Utf8JsonWriter(_buffer, WireJson.WriterOptions);

    /// <summary>Both write the same bytes, or the comparison means nothing.</summary>
    [GlobalSetup]
    public void CheckSameOutput()
    {
        HandWritten();
        var expected = _buffer.WrittenSpan.ToArray();
        Generated();
        if (!_buffer.WrittenSpan.SequenceEqual(expected))
        {
            throw new InvalidOperationException(
                $"Generated wrote {System.Text.Encoding.UTF8.GetString(_buffer.WrittenSpan)}, by hand {System.Text.Encoding.UTF8.GetString(expected)}.");
        }
    }

    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        var o = _order;
        _writer.WriteStartObject();
        _writer.WritePropertyName("asset"u8);
        _writer.WriteStringValue(o.Asset);
        _writer.WritePropertyName("action"u8);
        _writer.WriteStringValue(o.Action == BenchSide.Call ? "call"u8 : "put"u8);
        _writer.WritePropertyName("amount"u8);
        _writer.WriteNumberValue(o.Amount);
        _writer.WritePropertyName("isDemo"u8);
        _writer.WriteNumberValue(o.IsDemo);
        _writer.WritePropertyName("optionType"u8);
        _writer.WriteNumberValue(o.OptionType);
        _writer.WritePropertyName("requestId"u8);
        _writer.WriteStringValue(o.RequestId);
        _writer.WritePropertyName("time"u8);
        _writer.WriteNumberValue(o.Time);
        _writer.WritePropertyName("expiration"u8);
        _writer.WriteNumberValue(o.Expiration);
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int Generated()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _order.WriteJson(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}

/// <summary>The order's direction, sent as <c>"call"</c> or <c>"put"</c>.</summary>
[WireEnum(WireEnumFormat.String)]
public enum BenchSide
{
    /// <summary>Up.</summary>
    Call,

    /// <summary>Down.</summary>
    Put,
}

/// <summary><c>42["openOrder",{asset,action,amount,isDemo,optionType,requestId,time,expiration}]</c>.</summary>
[ProtocolMessage("benchOpenOrder")]
public sealed partial class BenchOrder
{
    /// <summary>The asset.</summary>
    public string Asset { get; set; } = "";

    /// <summary>Call or put.</summary>
    public BenchSide Action { get; set; }

    /// <summary>The stake.</summary>
    public decimal Amount { get; set; }

    /// <summary>1 on the demo account.</summary>
    public int IsDemo { get; set; }

    /// <summary>The option type.</summary>
    public int OptionType { get; set; }

    /// <summary>Correlates the reply.</summary>
    public string RequestId { get; set; } = "";

    /// <summary>Duration, seconds.</summary>
    public long Time { get; set; }

    /// <summary>Expiry, Unix seconds.</summary>
    public long Expiration { get; set; }
}
