using System.Buffers;
using System.Text.Json;
using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Messaging;

/// <summary>The string read every generated reader uses, and the reader start the generated message readers call.</summary>
public sealed class WireJsonReadTests
{
    [Theory]
    [InlineData("\"EURUSD_otc\"", "EURUSD_otc")]
    [InlineData("\"\"", "")]
    [InlineData("\"caf\u00e9 \ud83d\ude00\"", "caf\u00e9 \ud83d\ude00")]
    [InlineData("\"caf\\u00e9\"", "caf\u00e9")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("12.50", "12.50")]
    public void A_string_reads_as_the_text_it_stands_for(string json, string expected)
    {
        var reader = Start(System.Text.Encoding.UTF8.GetBytes(json));

        WireJson.TryReadString(ref reader, out var value).ShouldBeTrue();

        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'"', (byte)'a', 0xC3, (byte)'"' })]       // a two-byte sequence cut after its lead byte
    [InlineData(new byte[] { (byte)'"', 0xFF, (byte)'b', (byte)'"' })]       // a byte that is never UTF-8
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' })]      // a surrogate encoded as UTF-8
    public void A_string_of_invalid_utf8_is_refused_without_an_exception(byte[] json)
    {
        var reader = Start(json);

        WireJson.TryReadString(ref reader, out var value).ShouldBeFalse();

        value.ShouldBeNull();
    }

    [Fact]
    public void A_string_split_across_segments_reads_whole()
    {
        var first = new Segment("\"EURU"u8.ToArray());
        var last = first.Append("SD_otc\""u8.ToArray());
        var reader = new Utf8JsonReader(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        reader.Read().ShouldBeTrue();

        WireJson.TryReadString(ref reader, out var value).ShouldBeTrue();

        value.ShouldBe("EURUSD_otc");
    }

    [Fact]
    public void Starting_a_reader_on_bytes_that_are_not_json_answers_false()
    {
        var reader = new Utf8JsonReader([0x01, 0x02, 0x03]);
        WireJson.TryStart(ref reader).ShouldBeFalse();

        var empty = new Utf8JsonReader(ReadOnlySpan<byte>.Empty);
        WireJson.TryStart(ref empty).ShouldBeFalse();
    }

    [Fact]
    public void An_action_envelope_moves_to_its_data_property_or_answers_false_without_it()
    {
        var reader = Start("""{"action":"ping","message":{"n":1}}"""u8.ToArray());
        WireJson.TryMoveToActionData(ref reader, "message"u8).ShouldBeTrue();
        reader.TokenType.ShouldBe(JsonTokenType.StartObject);

        var missing = Start("""{"action":"ping"}"""u8.ToArray());
        WireJson.TryMoveToActionData(ref missing, "message"u8).ShouldBeFalse();
    }

    private static Utf8JsonReader Start(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        WireJson.TryStart(ref reader).ShouldBeTrue();
        return reader;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
