using System.Buffers;
using System.Text.Json;
using static Protocol.SocketIO.Tests.Support.JsonAssert;

namespace Protocol.SocketIO.Tests;

public class PacketEncoderTests
{
    private readonly SocketIOPacketEncoder _encoder = new();
    private readonly ArrayBufferWriter<byte> _output = new();

    private string Written => Text(_output.WrittenSpan);

    public enum Kind
    {
        Connect,
        Disconnect,
        Event,
        Ack,
        ConnectError,
        BinaryEvent,
        BinaryAck,
    }

    // socketio.md §2.1 / §1.2 vectors whose bytes are ours to choose (compact JSON, same as JSON.stringify here).
    public static TheoryData<Kind, string, string, long, int, string, string> Vectors => new()
    {
        { Kind.Connect, "/woot", "", -1, 0, "{\"token\":\"123\"}", "0/woot,{\"token\":\"123\"}" },
        { Kind.Connect, "/", "", -1, 0, "", "0" },
        { Kind.Connect, "", "", -1, 0, "", "0" },
        { Kind.Connect, "/admin", "", -1, 0, "", "0/admin," },
        { Kind.Disconnect, "/woot", "", -1, 0, "", "1/woot," },
        { Kind.Disconnect, "/", "", -1, 0, "", "1" },
        { Kind.Event, "/", "a", -1, 0, "1,{}", "2[\"a\",1,{}]" },
        { Kind.Event, "/test", "a", 1, 0, "1,{}", "2/test,1[\"a\",1,{}]" },
        { Kind.Event, "/", "foo", 12, 0, "", "212[\"foo\"]" },
        { Kind.Event, "/admin", "bar", -1, 0, "", "2/admin,[\"bar\"]" },
        { Kind.Event, "/", "a", 0, 0, "", "20[\"a\"]" },
        { Kind.Ack, "/", "", 123, 0, "\"a\",1,{}", "3123[\"a\",1,{}]" },
        { Kind.Ack, "/", "", 12, 0, "", "312[]" },
        { Kind.Ack, "/admin", "", 13, 0, "\"bar\"", "3/admin,13[\"bar\"]" },
        { Kind.ConnectError, "/", "", -1, 0, "\"Unauthorized\"", "4\"Unauthorized\"" },
        { Kind.ConnectError, "/", "", -1, 0, "{\"message\":\"Unauthorized\"}", "4{\"message\":\"Unauthorized\"}" },
        { Kind.ConnectError, "/private", "", -1, 0, "{\"message\":\"Not authorized\",\"data\":{\"code\":401}}", "4/private,{\"message\":\"Not authorized\",\"data\":{\"code\":401}}" },
        { Kind.BinaryEvent, "/cool", "a", 23, 1, "{\"_placeholder\":true,\"num\":0}", "51-/cool,23[\"a\",{\"_placeholder\":true,\"num\":0}]" },
        { Kind.BinaryEvent, "/cool", "a", 23, 1, "{\"b\":[\"c\",{\"_placeholder\":true,\"num\":0}]}", "51-/cool,23[\"a\",{\"b\":[\"c\",{\"_placeholder\":true,\"num\":0}]}]" },
        { Kind.BinaryAck, "/back", "", 127, 1, "\"a\",{\"_placeholder\":true,\"num\":0},{}", "61-/back,127[\"a\",{\"_placeholder\":true,\"num\":0},{}]" },
        { Kind.BinaryEvent, "/", "a", 0, 1, "{\"_placeholder\":true,\"num\":0}", "51-0[\"a\",{\"_placeholder\":true,\"num\":0}]" },
        { Kind.BinaryEvent, "/deep", "a", 999, 2, "{\"a\":\"hi\",\"b\":{\"why\":{\"_placeholder\":true,\"num\":0}},\"c\":{\"a\":\"bye\",\"b\":{\"a\":{\"_placeholder\":true,\"num\":1}}}}", "52-/deep,999[\"a\",{\"a\":\"hi\",\"b\":{\"why\":{\"_placeholder\":true,\"num\":0}},\"c\":{\"a\":\"bye\",\"b\":{\"a\":{\"_placeholder\":true,\"num\":1}}}}]" },
        { Kind.BinaryEvent, "/", "a", 600, 1, "{\"a\":\"b\",\"c\":4,\"e\":{\"g\":null},\"h\":{\"_placeholder\":true,\"num\":0}}", "51-600[\"a\",{\"a\":\"b\",\"c\":4,\"e\":{\"g\":null},\"h\":{\"_placeholder\":true,\"num\":0}}]" },
        { Kind.BinaryEvent, "/", "a", -1, 2, "{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}", "52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]" },
        { Kind.BinaryEvent, "/admin", "baz", -1, 2, "{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}", "52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]" },
        { Kind.BinaryAck, "/", "", 15, 1, "\"bar\",{\"_placeholder\":true,\"num\":0}", "61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]" },
    };

    private void Encode(Kind kind, string nsp, string name, long ackId, int attachments, string json, bool prefix)
    {
        long? id = ackId < 0 ? null : ackId;
        switch (kind)
        {
            case Kind.Connect: _encoder.WriteConnect(_output, Utf8(nsp), Utf8(json), prefix); break;
            case Kind.Disconnect: _encoder.WriteDisconnect(_output, Utf8(nsp), prefix); break;
            case Kind.Event: _encoder.WriteEvent(_output, Utf8(nsp), Utf8(name), id, Utf8(json), prefix); break;
            case Kind.Ack: _encoder.WriteAck(_output, Utf8(nsp), ackId, Utf8(json), prefix); break;
            case Kind.ConnectError: _encoder.WriteConnectError(_output, Utf8(nsp), Utf8(json), prefix); break;
            case Kind.BinaryEvent: _encoder.WriteBinaryEvent(_output, Utf8(nsp), Utf8(name), id, attachments, Utf8(json), prefix); break;
            default: _encoder.WriteBinaryAck(_output, Utf8(nsp), ackId, attachments, Utf8(json), prefix); break;
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encodes_official_vectors_byte_for_byte_with_and_without_the_engineio_prefix(Kind kind, string nsp, string name, long ackId, int attachments, string json, string expected)
    {
        Encode(kind, nsp, name, ackId, attachments, json, prefix: false);
        Written.ShouldBe(expected);

        _output.ResetWrittenCount();
        Encode(kind, nsp, name, ackId, attachments, json, prefix: true);
        Written.ShouldBe("4" + expected);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decoded_vectors_re_encode_to_the_same_bytes(Kind kind, string nsp, string name, long ackId, int attachments, string json, string expected)
    {
        _ = (nsp, name, ackId, attachments, json);
        SocketIOPacket p = SocketIOPacketDecoder.Decode(Utf8(expected));
        long? id = p.AckId;
        switch (kind)
        {
            case Kind.Connect: _encoder.WriteConnect(_output, p.Namespace, p.Payload, engineIOPrefix: false); break;
            case Kind.Disconnect: _encoder.WriteDisconnect(_output, p.Namespace, engineIOPrefix: false); break;
            case Kind.Event: _encoder.WriteEvent(_output, p.Namespace, p.EventName, id, p.ArgumentsJson, engineIOPrefix: false); break;
            case Kind.Ack: _encoder.WriteAck(_output, p.Namespace, id!.Value, p.ArgumentsJson, engineIOPrefix: false); break;
            case Kind.ConnectError: _encoder.WriteConnectError(_output, p.Namespace, p.Payload, engineIOPrefix: false); break;
            case Kind.BinaryEvent: _encoder.WriteBinaryEvent(_output, p.Namespace, p.EventName, id, p.AttachmentCount, p.ArgumentsJson, engineIOPrefix: false); break;
            default: _encoder.WriteBinaryAck(_output, p.Namespace, id!.Value, p.AttachmentCount, p.ArgumentsJson, engineIOPrefix: false); break;
        }

        Written.ShouldBe(expected);
    }

    [Fact]
    public void Callback_arguments_write_the_same_bytes_as_pre_encoded_ones()
    {
        _encoder.WriteEvent(_output, "/test"u8, "a"u8, 1, 0, static (w, _) =>
        {
            w.WriteNumberValue(1);
            w.WriteStartObject();
            w.WriteEndObject();
        });
        Written.ShouldBe("42/test,1[\"a\",1,{}]");

        _output.ResetWrittenCount();
        _encoder.WriteAck(_output, default, 123, "a", static (w, s) =>
        {
            w.WriteStringValue(s);
            w.WriteNumberValue(1);
            w.WriteStartObject();
            w.WriteEndObject();
        });
        Written.ShouldBe("43123[\"a\",1,{}]");

        _output.ResetWrittenCount();
        _encoder.WriteConnect(_output, "/woot"u8, "123", static (w, token) => w.WriteString("token"u8, token));
        Written.ShouldBe("40/woot,{\"token\":\"123\"}");
    }

    [Fact]
    public void Binary_event_with_placeholders_from_the_callback()
    {
        _encoder.WriteBinaryEvent(_output, "/cool"u8, "a"u8, 23, 1, 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("b"u8);
            w.WriteStringValue("c"u8);
            SocketIOPlaceholder.Write(w, 0);
            w.WriteEndArray();
            w.WriteEndObject();
        });
        Written.ShouldBe("451-/cool,23[\"a\",{\"b\":[\"c\",{\"_placeholder\":true,\"num\":0}]}]");

        _output.ResetWrittenCount();
        _encoder.WriteBinaryAck(_output, default, 3, 1, 0, static (w, _) => SocketIOPlaceholder.Write(w, 0), engineIOPrefix: false);
        Written.ShouldBe("61-3[{\"_placeholder\":true,\"num\":0}]");
        Text(SocketIOPlaceholder.Zero).ShouldBe("{\"_placeholder\":true,\"num\":0}");
    }

    [Fact]
    public void Encoded_binary_header_plus_attachments_reassemble()
    {
        // Real-server §2.5 case: 452-789["message-with-ack",{..0},{..1}] + 010203 + 040506
        _encoder.WriteBinaryEvent(_output, default, "message-with-ack"u8, 789, 2, 0, static (w, _) =>
        {
            SocketIOPlaceholder.Write(w, 0);
            SocketIOPlaceholder.Write(w, 1);
        });
        Written.ShouldBe("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");

        using var assembler = new SocketIOMessageAssembler();
        assembler.ReceiveText(_output.WrittenSpan[1..], out _).ShouldBeFalse();
        assembler.ReceiveBinary(Hex("010203"), out _).ShouldBeFalse();
        assembler.ReceiveBinary(Hex("040506"), out SocketIOMessage m).ShouldBeTrue();
        m.AckId.ShouldBe(789);
        SocketIOPlaceholder.TryParse(m.Arguments[1], out int num).ShouldBeTrue();
        m.GetAttachment(num).ToArray().ShouldBe(Hex("040506"));
    }

    [Fact]
    public void Non_ascii_round_trips_by_value()
    {
        // JSON.stringify(["é€😀","\u2028"]) is 2["é€😀","<U+2028>"]; our bytes may escape differently, the values must match.
        _encoder.WriteEvent(_output, default, Utf8("é€😀"), null, 0, static (w, _) => w.WriteStringValue("\u2028"), engineIOPrefix: false);

        SocketIOPacket p = SocketIOPacketDecoder.Decode(_output.WrittenSpan);
        Equivalent(p.Payload, "[\"é€😀\",\"\u2028\"]");
        p.EventNameEquals(Utf8("é€😀")).ShouldBeTrue();
        p.GetEventNameString().ShouldBe("é€😀");

        // and the JS bytes decode to the same values and re-encode to equivalent JSON
        SocketIOPacket js = SocketIOPacketDecoder.Decode(Utf8("2[\"é€😀\",\"\u2028\"]"));
        _output.ResetWrittenCount();
        _encoder.WriteEvent(_output, js.Namespace, Utf8(js.GetEventNameString()!), js.AckId, js.ArgumentsJson, engineIOPrefix: false);
        Text(_output.WrittenSpan).ShouldBe("2[\"é€😀\",\"\u2028\"]".Replace("😀", "\\uD83D\\uDE00"));
        Equivalent(SocketIOPacketDecoder.Decode(_output.WrittenSpan).Payload, "[\"é€😀\",\"\u2028\"]");
    }

    [Fact]
    public void Event_names_needing_escapes_are_escaped_and_decode_back()
    {
        _encoder.WriteEvent(_output, default, Utf8("say \"hi\"\\"), null, default(ReadOnlySpan<byte>), engineIOPrefix: false);
        SocketIOPacket p = SocketIOPacketDecoder.Decode(_output.WrittenSpan);
        p.EventNameHasEscapes.ShouldBeTrue();
        p.EventNameEquals(Utf8("say \"hi\"\\")).ShouldBeTrue();
    }

    public static TheoryData<string, SocketIOProtocolError> ReservedNames => new()
    {
        { "connect", SocketIOProtocolError.ReservedEventName },
        { "connect_error", SocketIOProtocolError.ReservedEventName },
        { "disconnect", SocketIOProtocolError.ReservedEventName },
        { "disconnecting", SocketIOProtocolError.ReservedEventName },
        { "newListener", SocketIOProtocolError.ReservedEventName },
        { "removeListener", SocketIOProtocolError.ReservedEventName },
    };

    [Theory]
    [MemberData(nameof(ReservedNames))]
    public void Refuses_reserved_event_names(string name, SocketIOProtocolError expected)
    {
        ShouldRefuse(() => _encoder.WriteEvent(_output, default, Utf8(name), null, default(ReadOnlySpan<byte>)), expected, "eventName");
        ShouldRefuse(() => _encoder.WriteBinaryEvent(_output, default, Utf8(name), null, 1, SocketIOPlaceholder.Zero), expected, "eventName");
    }

    [Theory]
    [InlineData("admin", SocketIOProtocolError.InvalidNamespace)]
    [InlineData("/a,b", SocketIOProtocolError.InvalidNamespace)]
    [InlineData("//,", SocketIOProtocolError.InvalidNamespace)]
    public void Refuses_bad_namespaces(string nsp, SocketIOProtocolError expected)
    {
        ShouldRefuse(() => _encoder.WriteEvent(_output, Utf8(nsp), "a"u8, null, default(ReadOnlySpan<byte>)), expected, "nsp");
        ShouldRefuse(() => _encoder.WriteConnect(_output, Utf8(nsp)), expected, "nsp");
        ShouldRefuse(() => _encoder.WriteDisconnect(_output, Utf8(nsp)), expected, "nsp");
    }

    [Fact]
    public void Refuses_negative_ack_ids()
    {
        ShouldRefuse(() => _encoder.WriteEvent(_output, default, "a"u8, -1, default(ReadOnlySpan<byte>)), SocketIOProtocolError.InvalidAckId, "ackId");
        ShouldRefuse(() => _encoder.WriteAck(_output, default, -5, default(ReadOnlySpan<byte>)), SocketIOProtocolError.InvalidAckId, "ackId");
    }

    [Theory]
    [InlineData(0, SocketIOProtocolError.IllegalAttachments)]
    [InlineData(-1, SocketIOProtocolError.IllegalAttachments)]
    [InlineData(11, SocketIOProtocolError.TooManyAttachments)]
    public void Refuses_bad_attachment_counts(int count, SocketIOProtocolError expected)
    {
        ShouldRefuse(() => _encoder.WriteBinaryEvent(_output, default, "a"u8, null, count, SocketIOPlaceholder.Zero), expected, "attachmentCount");
        ShouldRefuse(() => _encoder.WriteBinaryAck(_output, default, 1, count, SocketIOPlaceholder.Zero), expected, "attachmentCount");
    }

    [Fact]
    public void Attachment_limit_follows_options()
    {
        var encoder = new SocketIOPacketEncoder(new SocketIOCodecOptions { MaxAttachments = 1 });
        Should.Throw<SocketIOEncodingException>(() => encoder.WriteBinaryEvent(_output, default, "a"u8, null, 2, "{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}"u8))
            .Error.ShouldBe(SocketIOProtocolError.TooManyAttachments);
    }

    [Theory]
    [InlineData("{\"_placeholder\":true,\"num\":1}", SocketIOProtocolError.PlaceholderOutOfRange)]
    [InlineData("{\"_placeholder\":true,\"num\":\"0\"}", SocketIOProtocolError.InvalidPlaceholder)]
    public void Refuses_placeholders_that_do_not_match_the_attachments(string args, SocketIOProtocolError expected) =>
        ShouldRefuse(() => _encoder.WriteBinaryEvent(_output, default, "a"u8, null, 1, Utf8(args)), expected, "argumentsJson");

    [Theory]
    [InlineData("1,")]
    [InlineData("{")]
    [InlineData("1 2")]
    [InlineData("]")]
    [InlineData("1],[\"x\"")]
    [InlineData("undefined")]
    [InlineData("'single'")]
    public void Refuses_malformed_argument_json(string args)
    {
        ShouldRefuse(() => _encoder.WriteEvent(_output, default, "a"u8, null, Utf8(args)), SocketIOProtocolError.InvalidPayload, "argumentsJson");
        ShouldRefuse(() => _encoder.WriteAck(_output, default, 1, Utf8(args)), SocketIOProtocolError.InvalidPayload, "argumentsJson");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("null")]
    [InlineData("{} {}")]
    public void Refuses_connect_auth_that_is_not_one_object(string auth) =>
        ShouldRefuse(() => _encoder.WriteConnect(_output, default, Utf8(auth)), SocketIOProtocolError.InvalidPayload, "authJson");

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    public void Refuses_connect_error_that_is_not_an_object_or_string(string error) =>
        ShouldRefuse(() => _encoder.WriteConnectError(_output, default, Utf8(error)), SocketIOProtocolError.InvalidPayload, "errorJson");

    [Fact]
    public void Refuses_callbacks_that_leave_the_array_unbalanced()
    {
        ShouldRefuse(() => _encoder.WriteEvent(_output, default, "a"u8, null, 0, static (w, _) => w.WriteStartObject()), SocketIOProtocolError.InvalidPayload, "writeArguments");
        ShouldRefuse(() => _encoder.WriteEvent(_output, default, "a"u8, null, 0, static (w, _) => w.WriteEndArray()), SocketIOProtocolError.InvalidPayload, "writeArguments");
        Should.Throw<InvalidOperationException>(() => _encoder.WriteEvent(_output, default, "a"u8, null, 0, static (w, _) => w.WriteString("property"u8, "outside an object")));
        _output.WrittenCount.ShouldBe(0);

        // the encoder recovers for the next packet
        _encoder.WriteEvent(_output, default, "ok"u8, null, default(ReadOnlySpan<byte>));
        Written.ShouldBe("42[\"ok\"]");
    }

    [Fact]
    public void Refuses_frames_over_max_payload()
    {
        var encoder = new SocketIOPacketEncoder(new SocketIOCodecOptions { MaxPayloadBytes = 13 });
        encoder.WriteEvent(_output, default, "abcdefg"u8, null, default(ReadOnlySpan<byte>)); // 42["abcdefg"] = 13 bytes
        _output.WrittenCount.ShouldBe(13);
        _output.ResetWrittenCount();
        ShouldRefuse(() => encoder.WriteEvent(_output, default, "abcdefgh"u8, null, default(ReadOnlySpan<byte>)), SocketIOProtocolError.PayloadTooLarge, "argumentsJson");
    }

    [Fact]
    public void Refuses_raw_values_a_callback_wrote_unchecked_and_never_quotes_them()
    {
        // WriteRawValue(skipInputValidation) bypasses the writer's checks: the array check still sees the bytes.
        var ex = Should.Throw<SocketIOEncodingException>(() => _encoder.WriteEvent(_output, default, "a"u8, null, 0,
            static (w, _) => w.WriteRawValue("{\"token\":\"secret-123\""u8, skipInputValidation: true)));
        ex.Error.ShouldBe(SocketIOProtocolError.InvalidPayload);
        ex.ParamName.ShouldBe("writeArguments");
        ex.Message.ShouldNotContain("secret-123");
        _output.WrittenCount.ShouldBe(0);

        ShouldRefuse(() => _encoder.WriteAck(_output, default, 3, 0, static (w, _) => w.WriteRawValue("1 2"u8, skipInputValidation: true)), SocketIOProtocolError.InvalidPayload, "writeArguments");
    }

    private void ShouldRefuse(Action write, SocketIOProtocolError expected, string paramName)
    {
        var ex = Should.Throw<SocketIOEncodingException>(write);
        ex.Error.ShouldBe(expected);
        ex.ParamName.ShouldBe(paramName);
        ex.ShouldBeAssignableTo<ArgumentException>();
        _output.WrittenCount.ShouldBe(0); // nothing half-written reaches the connection
    }
}
