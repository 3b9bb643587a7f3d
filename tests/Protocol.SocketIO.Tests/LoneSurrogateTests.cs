using System.Text.Json;
using static Protocol.SocketIO.Tests.Support.JsonAssert;

namespace Protocol.SocketIO.Tests;

/// <summary>
/// Issue #8: JSON escapes of lone UTF-16 surrogates (<c>\ud800</c> without its pair). The rule: an event name must be
/// valid Unicode, else the packet is refused with <see cref="SocketIOProtocolError.InvalidPayload"/>; lone surrogates
/// inside data (argument values, object keys) are the application's business and never make a decoder or accessor throw.
/// </summary>
public class LoneSurrogateTests
{
    [Theory]
    [InlineData("2[\"\\ud800x\"]")]
    [InlineData("2[\"\\ud800\\ud800\"]")]
    [InlineData("2[\"x\\ud800\"]")]
    [InlineData("2[\"\\udc00\"]")]
    [InlineData("2[\"\\udc00\\ud800\"]")]
    [InlineData("2[\"a\\ud83d\",1]")]
    [InlineData("2/admin,7[\"\\ud800\"]")]
    [InlineData("51-[\"\\ud800x\",{\"_placeholder\":true,\"num\":0}]")]
    public void Event_names_that_are_not_valid_unicode_are_refused_with_a_typed_error(string wire)
    {
        SocketIOPacketDecoder.TryDecode(Utf8(wire), out _, out SocketIOProtocolError error).ShouldBeFalse();
        error.ShouldBe(SocketIOProtocolError.InvalidPayload);

        var ex = Should.Throw<SocketIOProtocolException>(() => SocketIOPacketDecoder.Decode(Utf8(wire)));
        ex.Error.ShouldBe(SocketIOProtocolError.InvalidPayload);
        ex.Message.ShouldContain("event name");
        ex.Message.ShouldContain("lose the connection");
    }

    [Fact]
    public void The_assembler_refuses_such_a_name_with_a_protocol_exception()
    {
        using var assembler = new SocketIOMessageAssembler();
        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveText(Utf8("51-[\"x\\ud800\",{\"_placeholder\":true,\"num\":0}]"), out _))
            .Error.ShouldBe(SocketIOProtocolError.InvalidPayload);
        assembler.IsAwaitingAttachments.ShouldBeFalse();
    }

    [Theory]
    [InlineData("2[\"\\ud83d\\ude00\"]", "\U0001F600")]
    [InlineData("2[\"a\\ud83d\\ude00b\"]", "a\U0001F600b")]
    [InlineData("2[\"\\u00e9\\n\"]", "é\n")]
    public void Escaped_names_made_of_valid_pairs_still_decode(string wire, string name)
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8(wire));
        packet.GetEventNameString().ShouldBe(name);
        packet.EventNameEquals(Utf8(name)).ShouldBeTrue();
        packet.EventNameEquals("other"u8).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2[\"\",{\"\\udc00\":1}]", 1)]
    [InlineData("2[\"ev\",\"\\ud800\"]", 1)]
    [InlineData("2[\"ev\",\"x\\udfff\",{\"k\":\"\\ud800\\ud800\"}]", 2)]
    [InlineData("3[\"\\ud800\"]", 1)]
    [InlineData("61-[{\"\\udc00\":1}]", 1)]
    [InlineData("61-[{\"\\udc00\":1,\"_placeholder\":true,\"num\":0}]", 1)]
    [InlineData("51-[\"a\",{\"\\ud800\":{\"_placeholder\":true,\"num\":0}}]", 1)]
    [InlineData("0{\"\\ud800\":\"\\udc00\"}", 0)]
    [InlineData("4\"\\ud800\"", 0)]
    public void Lone_surrogates_inside_data_decode_and_no_accessor_throws(string wire, int arguments)
    {
        SocketIOPacketDecoder.TryDecode(Utf8(wire), out SocketIOPacket packet, out SocketIOProtocolError error).ShouldBeTrue();
        error.ShouldBe(SocketIOProtocolError.None);
        packet.ArgumentCount.ShouldBe(arguments);

        // Every accessor answers; none throws.
        _ = packet.GetEventNameString();
        _ = packet.EventNameEquals("ev"u8);
        foreach (ReadOnlySpan<byte> argument in packet.Arguments)
        {
            _ = SocketIOPlaceholder.TryParse(argument, out _);
        }
    }

    [Fact]
    public void A_lone_surrogate_key_that_is_not_a_placeholder_key_decodes()
    {
        // The "_placeholder" check must not unescape and throw on other keys.
        SocketIOPacketDecoder.TryDecode(Utf8("51-[\"\",{\"\\ud83d\":"), out _, out SocketIOProtocolError truncated).ShouldBeFalse();
        truncated.ShouldBe(SocketIOProtocolError.InvalidPayload);

        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8("61-[{\"\\udc00\":1,\"_placeholder\":true,\"num\":0}]"));
        SocketIOPlaceholder.TryParse(packet.Arguments[0], out int num).ShouldBeTrue();
        num.ShouldBe(0);
    }

    [Theory]
    [InlineData("{\"\\udc00\":1}")]
    [InlineData("{\"\\ud800x\":true,\"num\":0}")]
    [InlineData("{\"_placeholder\":true,\"\\ud800\\ud800\":0}")]
    [InlineData("{\"a\":{\"\\udc00\":1},\"_placeholder\":true}")]
    public void Placeholder_TryParse_returns_false_on_lone_surrogate_keys(string json)
    {
        SocketIOPlaceholder.TryParse(Utf8(json), out int num).ShouldBeFalse();
        num.ShouldBe(-1);
    }

    [Fact]
    public void Placeholder_TryRead_handles_escaped_keys_split_across_segments()
    {
        // A multi-segment reader: the escape of the key spans two segments.
        var first = new Segment(Utf8("{\"_placeholder\":true,\"\\ud8"));
        var last = first.Append(Utf8("00\":1,\"n\\u0075m\":3}"));
        var reader = new Utf8JsonReader(new System.Buffers.ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        reader.Read();
        SocketIOPlaceholder.TryRead(ref reader, out int num).ShouldBeTrue();
        num.ShouldBe(3);
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
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
