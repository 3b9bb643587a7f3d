using static Protocol.SocketIO.Tests.Support.JsonAssert;

namespace Protocol.SocketIO.Tests;

/// <summary>socketio.md §2.3: inputs the reference accepts, each decided here on purpose (see SocketIOPacketParser comments).</summary>
public class QuirkTests
{
    private static SocketIOProtocolError Reject(string wire) =>
        Should.Throw<SocketIOProtocolException>(() => SocketIOPacketDecoder.Decode(Utf8(wire))).Error;

    [Fact]
    public void Empty_packet_is_rejected_not_read_as_connect() => Reject("").ShouldBe(SocketIOProtocolError.EmptyPacket);

    [Fact]
    public void Namespace_without_comma_that_swallows_json_is_rejected()
    {
        Reject("2/[\"a\"]").ShouldBe(SocketIOProtocolError.InvalidNamespace);
        Reject("0/admin{\"token\":1}").ShouldBe(SocketIOProtocolError.InvalidNamespace);
    }

    [Theory]
    [InlineData("0/admin", SocketIOPacketType.Connect)]
    [InlineData("1/admin", SocketIOPacketType.Disconnect)]
    public void Namespace_at_end_of_packet_without_comma_is_accepted(string wire, SocketIOPacketType type)
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8(wire));
        packet.Type.ShouldBe(type);
        Text(packet.Namespace).ShouldBe("/admin");
        packet.HasPayload.ShouldBeFalse();
    }

    [Fact]
    public void Event_namespace_without_comma_at_end_is_rejected_because_an_event_needs_data() =>
        Reject("2/admin").ShouldBe(SocketIOProtocolError.InvalidPayload);

    [Theory]
    [InlineData("2 [\"a\"]", SocketIOProtocolError.InvalidPayload)]
    [InlineData("3 []", SocketIOProtocolError.InvalidPayload)]
    [InlineData("5 1-[\"a\",{\"_placeholder\":true,\"num\":0}]", SocketIOProtocolError.IllegalAttachments)]
    public void Spaces_are_not_ids_or_attachment_counts(string wire, SocketIOProtocolError expected) => Reject(wire).ShouldBe(expected);

    [Fact]
    public void Leading_zero_ack_ids_are_accepted()
    {
        SocketIOPacketDecoder.Decode(Utf8("2007[\"a\"]")).AckId.ShouldBe(7);
        SocketIOPacketDecoder.Decode(Utf8("20[\"a\"]")).AckId.ShouldBe(0);
    }

    [Fact]
    public void Ack_id_overflow_is_rejected_but_int64_max_is_accepted()
    {
        Reject("2999999999999999999999[\"a\"]").ShouldBe(SocketIOProtocolError.InvalidAckId);
        Reject("29223372036854775808[\"a\"]").ShouldBe(SocketIOProtocolError.InvalidAckId);
        SocketIOPacketDecoder.Decode(Utf8("29223372036854775807[\"a\"]")).AckId.ShouldBe(long.MaxValue);
    }

    [Fact]
    public void Fractional_attachment_count_is_rejected() => Reject("61.0-[]").ShouldBe(SocketIOProtocolError.IllegalAttachments);

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("312")]
    [InlineData("4")]
    public void Event_ack_and_connect_error_without_data_are_rejected(string wire) =>
        // Decision: the reference accepts them (validation only runs when data exists) but no encoder produces them,
        // and an event without a name cannot be routed.
        Reject(wire).ShouldBe(SocketIOProtocolError.InvalidPayload);

    [Fact]
    public void Ack_id_on_connect_error_is_not_read_so_44_is_an_invalid_payload() =>
        // The reference reads "44" as CONNECT_ERROR with ack id 4; acks only exist on events and acks.
        Reject("44").ShouldBe(SocketIOProtocolError.InvalidPayload);

    [Fact]
    public void Any_number_is_a_valid_event_name()
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8("2[1.5]"));
        packet.EventNameKind.ShouldBe(SocketIOEventNameKind.Number);
        packet.EventNameEquals("1.5"u8).ShouldBeTrue();
    }

    [Fact]
    public void Placeholders_with_extra_keys_duplicates_and_any_order_are_accepted()
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8(
            "52-[\"a\",{\"num\":1,\"_placeholder\":true,\"extra\":{\"num\":\"x\"}},{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]"));
        packet.AttachmentCount.ShouldBe(2);
        packet.ArgumentCount.ShouldBe(3);
    }

    [Fact]
    public void Objects_that_are_not_placeholders_are_left_alone()
    {
        // "_placeholder": false (or absent) means an ordinary object, whatever its num.
        SocketIOPacketDecoder.Decode(Utf8("51-[\"a\",{\"_placeholder\":false,\"num\":99},{\"num\":\"x\"},{\"_placeholder\":true,\"num\":0}]")).ArgumentCount.ShouldBe(3);
    }

    [Fact]
    public void Trailing_whitespace_after_the_json_is_accepted_like_JSON_parse()
    {
        SocketIOPacketDecoder.Decode(Utf8("2[\"a\"] \n")).EventNameEquals("a"u8).ShouldBeTrue();
    }

    [Fact]
    public void Slash_alone_followed_by_comma_is_the_default_namespace()
    {
        SocketIOPacketDecoder.Decode(Utf8("2/,[\"a\"]")).IsDefaultNamespace.ShouldBeTrue();
    }
}
