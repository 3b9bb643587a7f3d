using System.Text.Json;
using static Protocol.SocketIO.Tests.Support.JsonAssert;

namespace Protocol.SocketIO.Tests;

public class PacketDecoderTests
{
    // socketio.md §2.1 (text vectors) and §1.2 spec examples: packet, type, nsp, ack id (-1 none), attachments, payload JSON ("" none).
    public static TheoryData<string, SocketIOPacketType, string, long, int, string> Vectors => new()
    {
        { "0/woot,{\"token\":\"123\"}", SocketIOPacketType.Connect, "/woot", -1, 0, "{\"token\":\"123\"}" },
        { "0", SocketIOPacketType.Connect, "/", -1, 0, "" },
        { "1/woot,", SocketIOPacketType.Disconnect, "/woot", -1, 0, "" },
        { "1", SocketIOPacketType.Disconnect, "/", -1, 0, "" },
        { "2[\"a\",1,{}]", SocketIOPacketType.Event, "/", -1, 0, "[\"a\",1,{}]" },
        { "2[1,\"a\",{}]", SocketIOPacketType.Event, "/", -1, 0, "[1,\"a\",{}]" },
        { "2/test,1[\"a\",1,{}]", SocketIOPacketType.Event, "/test", 1, 0, "[\"a\",1,{}]" },
        { "3123[\"a\",1,{}]", SocketIOPacketType.Ack, "/", 123, 0, "[\"a\",1,{}]" },
        { "312[]", SocketIOPacketType.Ack, "/", 12, 0, "[]" },
        { "4\"Unauthorized\"", SocketIOPacketType.ConnectError, "/", -1, 0, "\"Unauthorized\"" },
        { "4{\"message\":\"Unauthorized\"}", SocketIOPacketType.ConnectError, "/", -1, 0, "{\"message\":\"Unauthorized\"}" },
        { "51-/cool,23[\"a\",{\"_placeholder\":true,\"num\":0}]", SocketIOPacketType.BinaryEvent, "/cool", 23, 1, "[\"a\",{\"_placeholder\":true,\"num\":0}]" },
        { "51-/cool,23[\"a\",{\"b\":[\"c\",{\"_placeholder\":true,\"num\":0}]}]", SocketIOPacketType.BinaryEvent, "/cool", 23, 1, "[\"a\",{\"b\":[\"c\",{\"_placeholder\":true,\"num\":0}]}]" },
        { "61-/back,127[\"a\",{\"_placeholder\":true,\"num\":0},{}]", SocketIOPacketType.BinaryAck, "/back", 127, 1, "[\"a\",{\"_placeholder\":true,\"num\":0},{}]" },
        { "51-0[\"a\",{\"_placeholder\":true,\"num\":0}]", SocketIOPacketType.BinaryEvent, "/", 0, 1, "[\"a\",{\"_placeholder\":true,\"num\":0}]" },
        { "52-/deep,999[\"a\",{\"a\":\"hi\",\"b\":{\"why\":{\"_placeholder\":true,\"num\":0}},\"c\":{\"a\":\"bye\",\"b\":{\"a\":{\"_placeholder\":true,\"num\":1}}}}]", SocketIOPacketType.BinaryEvent, "/deep", 999, 2, "[\"a\",{\"a\":\"hi\",\"b\":{\"why\":{\"_placeholder\":true,\"num\":0}},\"c\":{\"a\":\"bye\",\"b\":{\"a\":{\"_placeholder\":true,\"num\":1}}}}]" },
        { "51-600[\"a\",{\"a\":\"b\",\"c\":4,\"e\":{\"g\":null},\"h\":{\"_placeholder\":true,\"num\":0}}]", SocketIOPacketType.BinaryEvent, "/", 600, 1, "[\"a\",{\"a\":\"b\",\"c\":4,\"e\":{\"g\":null},\"h\":{\"_placeholder\":true,\"num\":0}}]" },
        { "52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", SocketIOPacketType.BinaryEvent, "/", -1, 2, "[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]" },
        // §1.2 spec examples not covered above
        { "0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}", SocketIOPacketType.Connect, "/admin", -1, 0, "{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}" },
        { "2/admin,[\"bar\"]", SocketIOPacketType.Event, "/admin", -1, 0, "[\"bar\"]" },
        { "212[\"foo\"]", SocketIOPacketType.Event, "/", 12, 0, "[\"foo\"]" },
        { "3/admin,13[\"bar\"]", SocketIOPacketType.Ack, "/admin", 13, 0, "[\"bar\"]" },
        { "61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", SocketIOPacketType.BinaryAck, "/", 15, 1, "[\"bar\",{\"_placeholder\":true,\"num\":0}]" },
        { "52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", SocketIOPacketType.BinaryEvent, "/admin", -1, 2, "[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decodes_official_vectors(string wire, SocketIOPacketType type, string nsp, long ackId, int attachments, string payload)
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8(wire));

        packet.Type.ShouldBe(type);
        Text(packet.Namespace).ShouldBe(nsp);
        packet.IsDefaultNamespace.ShouldBe(nsp == "/");
        packet.AckId.ShouldBe(ackId < 0 ? null : ackId);
        packet.HasAckId.ShouldBe(ackId >= 0);
        packet.AttachmentCount.ShouldBe(attachments);
        packet.HasPayload.ShouldBe(payload.Length > 0);
        if (payload.Length > 0)
        {
            Equivalent(packet.Payload, payload);
        }
        else
        {
            packet.Payload.IsEmpty.ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("2[\"a\",1,{}]", "a", "1,{}", 2)]
    [InlineData("2/test,1[\"a\",1,{}]", "a", "1,{}", 2)]
    [InlineData("2[\"tellme\"]", "tellme", "", 0)]
    [InlineData("2[\"hello\",\"world\",42,{\"a\":[true,null]}]", "hello", "\"world\",42,{\"a\":[true,null]}", 3)]
    [InlineData("2[ \"spaced\" , 1 , [2] ]", "spaced", "1 , [2]", 2)]
    public void Exposes_event_name_and_arguments_slice(string wire, string name, string args, int count)
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8(wire));

        packet.EventNameKind.ShouldBe(SocketIOEventNameKind.String);
        packet.EventNameHasEscapes.ShouldBeFalse();
        Text(packet.EventName).ShouldBe(name);
        packet.EventNameEquals(Utf8(name)).ShouldBeTrue();
        packet.EventNameEquals(Utf8(name + "x")).ShouldBeFalse();
        packet.GetEventNameString().ShouldBe(name);
        Text(packet.ArgumentsJson).ShouldBe(args);
        packet.ArgumentCount.ShouldBe(count);
    }

    [Fact]
    public void Arguments_can_be_read_one_by_one_with_Utf8JsonReader()
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8("42/admin,17[\"quote\",{\"s\":\"EURUSD\",\"p\":1.0825},true,null,-3.5e2,\"t\",[1,[2]]]"[1..]));

        packet.Arguments.Count.ShouldBe(6);
        var seen = new List<string>();
        foreach (ReadOnlySpan<byte> arg in packet.Arguments)
        {
            seen.Add(Text(arg));
        }

        seen.ShouldBe(["{\"s\":\"EURUSD\",\"p\":1.0825}", "true", "null", "-3.5e2", "\"t\"", "[1,[2]]"]);
        var reader = new Utf8JsonReader(packet.Arguments[0]);
        reader.Read();
        reader.Read();
        reader.ValueTextEquals("s"u8).ShouldBeTrue();
        new Utf8JsonReader(packet.Arguments[3]).GetDoubleAfterRead().ShouldBe(-350);
        Should.Throw<ArgumentOutOfRangeException>(() => SocketIOPacketDecoder.Decode(Utf8("2[\"a\",1]")).Arguments[1].ToArray());
    }

    [Fact]
    public void Ack_arguments_are_the_whole_array()
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8("3123[\"a\",1,{}]"));

        packet.EventNameKind.ShouldBe(SocketIOEventNameKind.None);
        packet.EventName.IsEmpty.ShouldBeTrue();
        packet.EventNameEquals("a"u8).ShouldBeFalse();
        Text(packet.ArgumentsJson).ShouldBe("\"a\",1,{}");
        packet.ArgumentCount.ShouldBe(3);
        SocketIOPacketDecoder.Decode(Utf8("312[]")).ArgumentCount.ShouldBe(0);
    }

    [Theory]
    [InlineData("2[\"\\u0063hat\",1]", "chat")]
    [InlineData("2[\"caf\\u00e9\"]", "café")]
    [InlineData("2[\"a\\\"b\\/c\"]", "a\"b/c")]
    public void Escaped_event_names_compare_by_value(string wire, string name)
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8(wire));

        packet.EventNameHasEscapes.ShouldBeTrue();
        packet.EventNameEquals(Utf8(name)).ShouldBeTrue();
        packet.EventNameEquals(Utf8(name + "!")).ShouldBeFalse();
        packet.GetEventNameString().ShouldBe(name);
    }

    [Fact]
    public void Escaped_reserved_name_is_still_reserved()
    {
        var ex = Should.Throw<SocketIOProtocolException>(() => SocketIOPacketDecoder.Decode(Utf8("2[\"\\u0063onnect\"]")));
        ex.Error.ShouldBe(SocketIOProtocolError.ReservedEventName);
    }

    [Theory]
    [InlineData("2[1,\"a\",{}]", "1", 2)]
    [InlineData("2[1.5]", "1.5", 0)]
    [InlineData("2[-2e3,\"x\"]", "-2e3", 1)]
    public void Numeric_event_names_are_accepted(string wire, string nameText, int args)
    {
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8(wire));

        packet.EventNameKind.ShouldBe(SocketIOEventNameKind.Number);
        Text(packet.EventName).ShouldBe(nameText);
        packet.EventNameEquals(Utf8(nameText)).ShouldBeTrue();
        packet.ArgumentCount.ShouldBe(args);
    }

    [Fact]
    public void Non_ascii_payload_decodes_to_the_same_values()
    {
        // JSON.stringify writes raw UTF-8 and a literal U+2028 (socketio.md §2.1).
        SocketIOPacket packet = SocketIOPacketDecoder.Decode(Utf8("2[\"é€😀\",\"\u2028\"]"));

        Text(packet.EventName).ShouldBe("é€😀");
        packet.EventNameEquals(Utf8("é€😀")).ShouldBeTrue();
        new Utf8JsonReader(packet.Arguments[0]).GetStringAfterRead().ShouldBe("\u2028");
    }

    [Fact]
    public void TryDecode_reports_the_error_without_throwing()
    {
        SocketIOPacketDecoder.TryDecode(Utf8("2[]"), out _, out SocketIOProtocolError error).ShouldBeFalse();
        error.ShouldBe(SocketIOProtocolError.InvalidPayload);

        SocketIOPacketDecoder.TryDecode(Utf8("2[\"ok\"]"), out SocketIOPacket packet, out error).ShouldBeTrue();
        error.ShouldBe(SocketIOProtocolError.None);
        packet.EventNameEquals("ok"u8).ShouldBeTrue();
    }

    [Fact]
    public void Packet_over_the_payload_limit_is_refused()
    {
        var options = new SocketIOCodecOptions { MaxPayloadBytes = 10 };
        SocketIOPacketDecoder.Decode(Utf8("2[\"abcde\"]"), options).Type.ShouldBe(SocketIOPacketType.Event);
        var ex = Should.Throw<SocketIOProtocolException>(() => SocketIOPacketDecoder.Decode(Utf8("2[\"abcdef\"]"), options));
        ex.Error.ShouldBe(SocketIOProtocolError.PayloadTooLarge);
        ex.Message.ShouldContain("MaxPayloadBytes");
    }

    [Fact]
    public void Options_refuse_nonsense_limits()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SocketIOCodecOptions { MaxAttachments = 0 });
        Should.Throw<ArgumentOutOfRangeException>(() => new SocketIOCodecOptions { MaxPayloadBytes = 0 });
    }
}

internal static class ReaderExtensions
{
    public static double GetDoubleAfterRead(this Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetDouble();
    }

    public static string? GetStringAfterRead(this Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString();
    }
}
