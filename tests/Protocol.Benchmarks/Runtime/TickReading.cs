using System.Text.Json;
using Protocol.Benchmarks.Messages;

namespace Protocol.Benchmarks.Runtime;

/// <summary>The baselines' hand-written read of a tick attachment.</summary>
internal static class TickReading
{
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
