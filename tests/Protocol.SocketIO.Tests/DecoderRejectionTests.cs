using static Protocol.SocketIO.Tests.Support.JsonAssert;

namespace Protocol.SocketIO.Tests;

/// <summary>socketio.md §2.2: every input socket.io-parser 4.2.7 refuses is refused here too, with a typed code.</summary>
public class DecoderRejectionTests
{
    [Theory]
    // truncated JSON ("442[..." is the EIO-prefixed form: the sio packet is "42[...")
    [InlineData("42[\"some\",\"data\"", SocketIOProtocolError.InvalidPayload)]
    // CONNECT needs an object or nothing
    [InlineData("0/admin,\"invalid\"", SocketIOProtocolError.InvalidPayload)]
    [InlineData("0[]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("0null", SocketIOProtocolError.InvalidPayload)]
    [InlineData("0[\"a\"]", SocketIOProtocolError.InvalidPayload)]
    // DISCONNECT takes no data
    [InlineData("1/admin,{}", SocketIOProtocolError.InvalidPayload)]
    // EVENT: non-empty array, name string or number
    [InlineData("2/admin,\"invalid", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2/admin,{}", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2[]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2[{}]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2[[]]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2[{\"toString\":\"foo\"}]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2[true,\"foo\"]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2[null,\"bar\"]", SocketIOProtocolError.InvalidPayload)]
    // reserved names
    [InlineData("2[\"connect\"]", SocketIOProtocolError.ReservedEventName)]
    [InlineData("2[\"disconnect\",\"123\"]", SocketIOProtocolError.ReservedEventName)]
    [InlineData("2[\"connect_error\"]", SocketIOProtocolError.ReservedEventName)]
    [InlineData("2[\"disconnecting\"]", SocketIOProtocolError.ReservedEventName)]
    [InlineData("2[\"newListener\"]", SocketIOProtocolError.ReservedEventName)]
    [InlineData("2[\"removeListener\"]", SocketIOProtocolError.ReservedEventName)]
    [InlineData("51-[\"connect\",{\"_placeholder\":true,\"num\":0}]", SocketIOProtocolError.ReservedEventName)]
    // ACK must be an array
    [InlineData("3{}", SocketIOProtocolError.InvalidPayload)]
    [InlineData("3\"x\"", SocketIOProtocolError.InvalidPayload)]
    [InlineData("3null", SocketIOProtocolError.InvalidPayload)]
    // CONNECT_ERROR must be an object or a string
    [InlineData("4[]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("4null", SocketIOProtocolError.InvalidPayload)]
    // the rest is not JSON
    [InlineData("2[\"a\"]trailing", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2é", SocketIOProtocolError.InvalidPayload)]
    [InlineData("21e3[\"a\"]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2-1[\"a\"]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2/a,b,[\"a\"]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2admin,[\"a\"]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("2[\"a\"][\"b\"]", SocketIOProtocolError.InvalidPayload)]
    // illegal attachments
    [InlineData("5", SocketIOProtocolError.IllegalAttachments)]
    [InlineData("51", SocketIOProtocolError.IllegalAttachments)]
    [InlineData("5a-", SocketIOProtocolError.IllegalAttachments)]
    [InlineData("51.23-", SocketIOProtocolError.IllegalAttachments)]
    [InlineData("5-[\"a\"]", SocketIOProtocolError.IllegalAttachments)]
    [InlineData("5-1-[\"a\"]", SocketIOProtocolError.IllegalAttachments)]
    [InlineData("6-[]", SocketIOProtocolError.IllegalAttachments)]
    [InlineData("50-[\"hello\"]", SocketIOProtocolError.IllegalAttachments)]
    [InlineData("50-/nsp,7[\"x\"]", SocketIOProtocolError.IllegalAttachments)]
    [InlineData("511-[\"a\"]", SocketIOProtocolError.TooManyAttachments)]
    [InlineData("599999999999999999999-[\"a\"]", SocketIOProtocolError.TooManyAttachments)]
    // unknown packet types
    [InlineData("999", SocketIOProtocolError.UnknownPacketType)]
    [InlineData("7", SocketIOProtocolError.UnknownPacketType)]
    [InlineData("x", SocketIOProtocolError.UnknownPacketType)]
    // placeholders (the reference throws when the attachments arrive; we refuse the header already)
    [InlineData("51-[\"hello\",{\"_placeholder\":true,\"num\":\"splice\"}]", SocketIOProtocolError.InvalidPlaceholder)]
    [InlineData("51-[\"hello\",{\"_placeholder\":true}]", SocketIOProtocolError.InvalidPlaceholder)]
    [InlineData("51-[\"hello\",{\"_placeholder\":true,\"num\":0.5}]", SocketIOProtocolError.InvalidPlaceholder)]
    [InlineData("51-[\"hello\",{\"_placeholder\":true,\"num\":1}]", SocketIOProtocolError.PlaceholderOutOfRange)]
    [InlineData("51-[\"hello\",{\"_placeholder\":true,\"num\":-1}]", SocketIOProtocolError.PlaceholderOutOfRange)]
    [InlineData("61-3[{\"x\":[{\"_placeholder\":true,\"num\":7}]}]", SocketIOProtocolError.PlaceholderOutOfRange)]
    public void Rejects_what_the_reference_rejects(string wire, SocketIOProtocolError expected)
    {
        var ex = Should.Throw<SocketIOProtocolException>(() => SocketIOPacketDecoder.Decode(Utf8(wire)));

        ex.Error.ShouldBe(expected);
        ex.Message.ShouldContain("lose the connection"); // every message says what to do
        SocketIOPacketDecoder.TryDecode(Utf8(wire), out _, out SocketIOProtocolError error).ShouldBeFalse();
        error.ShouldBe(expected);
    }

    [Fact]
    public void Attachment_limit_is_configurable()
    {
        var options = new SocketIOCodecOptions { MaxAttachments = 2 };
        const string Three = "53-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":2}]";

        Should.Throw<SocketIOProtocolException>(() => SocketIOPacketDecoder.Decode(Utf8(Three), options)).Error.ShouldBe(SocketIOProtocolError.TooManyAttachments);
        SocketIOPacketDecoder.Decode(Utf8(Three), new SocketIOCodecOptions { MaxAttachments = 3 }).AttachmentCount.ShouldBe(3);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_refused()
    {
        byte[] bytes = [.. "2[\""u8, 0xC3, 0x28, .. "\"]"u8];
        Should.Throw<SocketIOProtocolException>(() => SocketIOPacketDecoder.Decode(bytes)).Error.ShouldBe(SocketIOProtocolError.InvalidPayload);
    }

    [Fact]
    public void Json_nested_deeper_than_64_is_refused()
    {
        string deep = "2[\"a\"," + new string('[', 70) + new string(']', 70) + "]";
        var ex = Should.Throw<SocketIOProtocolException>(() => SocketIOPacketDecoder.Decode(Utf8(deep)));
        ex.Error.ShouldBe(SocketIOProtocolError.InvalidPayload);
        ex.Message.ShouldContain("deeper than 64");
    }

    [Theory]
    [InlineData("2[\"a\",{\"b\":1", "truncated", 11)]
    [InlineData("2[\"a\"] x", "malformed", 6)]
    [InlineData("2[\"a\",\n  tx]", "malformed", 9)] // line 1, column 3: the x that breaks the literal
    public void Malformed_json_is_described_by_reason_and_position(string wire, string reason, int position)
    {
        var ex = Should.Throw<SocketIOProtocolException>(() => SocketIOPacketDecoder.Decode(Utf8(wire)));
        ex.Message.ShouldContain(reason);
        ex.Message.ShouldContain($"at byte {position} of the payload");
    }
}
