using System.Text.Json;
using Protocol.Benchmarks.Messages;

namespace Protocol.Benchmarks.Runtime;

/// <summary>The tick benchmarks' frames (UTF-8, pushed without a copy) and their baselines' hand-written read.</summary>
internal static class TickFrames
{
    /// <summary>The two-step header.</summary>
    public static readonly byte[] Header = """451-["updateStream",{"_placeholder":true,"num":0}]"""u8.ToArray();

    /// <summary>The same tick as one text frame.</summary>
    public static readonly byte[] OneStep = """42["updateStream",[["EURUSD_otc",1735689600.123,1.08123]]]"""u8.ToArray();

    /// <summary>The two-step header's binary attachment.</summary>
    public static readonly byte[] Attachment = """[["EURUSD_otc",1735689600.123,1.08123]]"""u8.ToArray();

    /// <summary>The minimum by hand: <c>[["EURUSD_otc",1735689600.123,1.08123]]</c>, exactly one triple (as PocketOption's own client accepts).</summary>
    public static BenchStream ReadByHand(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray
            || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected [[symbol,time,price]].");
        }

        reader.Read();
        var symbol = reader.GetString()!;
        reader.Read();
        var time = reader.GetDouble();
        reader.Read();
        var price = reader.GetDecimal();
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray
            || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("Expected exactly one [symbol,time,price].");
        }

        return new BenchStream { Ticks = [new BenchTick { Symbol = symbol, Time = time, Price = price }] };
    }
}
