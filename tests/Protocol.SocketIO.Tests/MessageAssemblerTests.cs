using System.Text.Json;
using Protocol.SocketIO.EngineIO;
using static Protocol.SocketIO.Tests.Support.JsonAssert;

namespace Protocol.SocketIO.Tests;

public class MessageAssemblerTests
{
    /// <summary>Feeds WebSocket frames the way the connection will: Engine.IO decode, then text or binary to the assembler.</summary>
    private static bool Feed(SocketIOMessageAssembler assembler, (bool Binary, byte[] Bytes) frame, out SocketIOMessage message)
    {
        EngineIOPacket eio = EngineIOPacketDecoder.Decode(frame.Bytes, frame.Binary);
        eio.Type.ShouldBe(EngineIOPacketType.Message);
        return eio.IsBinary ? assembler.ReceiveBinary(eio.Data, out message) : assembler.ReceiveText(eio.Data, out message);
    }

    private static (bool, byte[]) T(string s) => (false, Utf8(s));

    private static (bool, byte[]) B(string hex) => (true, Hex(hex));

    [Fact]
    public void Text_packets_complete_at_once_without_copy()
    {
        using var assembler = new SocketIOMessageAssembler();
        byte[] frame = Utf8("2[\"hello\",\"world\",42,{\"a\":[true,null]}]");

        assembler.ReceiveText(frame, out SocketIOMessage message).ShouldBeTrue();

        message.IsReassembled.ShouldBeFalse();
        message.EventNameEquals("hello"u8).ShouldBeTrue();
        message.AttachmentCount.ShouldBe(0);
        Should.Throw<ArgumentOutOfRangeException>(() => { assembler.ReceiveText(frame, out SocketIOMessage m); m.GetAttachment(0); });
        assembler.IsAwaitingAttachments.ShouldBeFalse();
    }

    [Fact]
    public void Real_server_bin_event_with_one_attachment()
    {
        // socketio.md §3.3: S->C text 451-["bin",{"_placeholder":true,"num":0},"tail"] then binary 01020304
        using var assembler = new SocketIOMessageAssembler();
        Feed(assembler, T("451-[\"bin\",{\"_placeholder\":true,\"num\":0},\"tail\"]"), out _).ShouldBeFalse();
        assembler.IsAwaitingAttachments.ShouldBeTrue();
        assembler.PendingAttachmentCount.ShouldBe(1);

        byte[] receiveBuffer = Hex("01020304");
        assembler.ReceiveBinary(receiveBuffer, out SocketIOMessage message).ShouldBeTrue();
        receiveBuffer.AsSpan().Clear(); // the connection reuses its buffer: the message must not depend on it

        message.IsReassembled.ShouldBeTrue();
        message.Type.ShouldBe(SocketIOPacketType.BinaryEvent);
        message.EventNameEquals("bin"u8).ShouldBeTrue();
        message.AttachmentCount.ShouldBe(1);
        message.Arguments.Count.ShouldBe(2);
        SocketIOPlaceholder.TryParse(message.Arguments[0], out int num).ShouldBeTrue();
        message.GetAttachment(num).ToArray().ShouldBe(Hex("01020304"));
        message.GetAttachmentMemory(0).ToArray().ShouldBe(Hex("01020304"));
        Text(message.Arguments[1]).ShouldBe("\"tail\"");
        assembler.IsAwaitingAttachments.ShouldBeFalse();
    }

    [Fact]
    public void A_message_reads_its_layout_from_the_assembler_until_the_next_call_and_a_message_not_given_reads_as_empty()
    {
        // The message holds its spans and the assembler, which keeps the layout: each message reads as itself right after
        // its own call, one-frame and reassembled alike, and the header's layout is kept while its attachment is awaited.
        using var assembler = new SocketIOMessageAssembler();
        assembler.ReceiveText("2/chat,7[\"first\",1]"u8, out var first).ShouldBeTrue();
        (first.Type, first.Namespace.SequenceEqual("/chat"u8), first.AckId, first.EventNameEquals("first"u8), first.IsReassembled)
            .ShouldBe((SocketIOPacketType.Event, true, 7L, true, false));

        assembler.ReceiveText("51-[\"bin\",{\"_placeholder\":true,\"num\":0}]"u8, out var pending).ShouldBeFalse();
        (pending.Type, pending.AttachmentCount, pending.Payload.IsEmpty, pending.IsReassembled).ShouldBe((default(SocketIOPacketType), 0, true, false));
        assembler.ReceiveBinary(new byte[] { 1, 2 }, out var assembled).ShouldBeTrue();
        (assembled.Type, assembled.AttachmentCount, assembled.IsReassembled, assembled.Namespace.SequenceEqual("/"u8), assembled.AckId)
            .ShouldBe((SocketIOPacketType.BinaryEvent, 1, true, true, (long?)null));
        assembled.EventNameEquals("bin"u8).ShouldBeTrue();
        assembled.GetAttachment(0).ToArray().ShouldBe(new byte[] { 1, 2 });
    }

    [Fact]
    public void A_frame_fed_whole_gives_back_its_header_frame_and_its_attachments_as_views_until_the_next_call()
    {
        // The connection hands the whole Engine.IO frame over: the assembler keeps it once, and the message gives it back as the
        // raw text its consumer reports, beside the attachments in placeholder order.
        using var assembler = new SocketIOMessageAssembler();
        byte[] frame = Utf8("452-[\"pair\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]");
        assembler.ReceiveFrame(frame, 1, out _).ShouldBeFalse();
        frame.AsSpan().Clear(); // the receive buffer is reused: the kept frame must not depend on it
        assembler.ReceiveBinary(Hex("0a0b"), out _).ShouldBeFalse();
        assembler.ReceiveBinary(Hex("ff"), out SocketIOMessage message).ShouldBeTrue();

        Text(message.HeaderFrame).ShouldBe("452-[\"pair\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]");
        message.EventNameEquals("pair"u8).ShouldBeTrue();
        message.Attachments.Length.ShouldBe(2);
        message.Attachments[0].ToArray().ShouldBe(Hex("0a0b"));
        message.Attachments[1].ToArray().ShouldBe(Hex("ff"));

        // A one-frame message has neither: its frame is the caller's, and it carries no attachment.
        assembler.ReceiveFrame(Utf8("42[\"one\",1]"), 1, out SocketIOMessage single).ShouldBeTrue();
        single.HeaderFrame.IsEmpty.ShouldBeTrue();
        single.Attachments.IsEmpty.ShouldBeTrue();
        single.EventNameEquals("one"u8).ShouldBeTrue();
        Should.Throw<ArgumentOutOfRangeException>(() => assembler.ReceiveFrame(Utf8("42[]"), 5, out _));
    }

    [Fact]
    public void A_header_repeated_byte_for_byte_reassembles_as_the_first_did_and_any_other_header_is_parsed_anew()
    {
        // A stream repeats one header per message; the kept copy and its layout serve again, so the message must not depend
        // on the caller's buffer, and a header of the same length with other bytes, or the same bytes read from another
        // packet start, must not be taken for it.
        using var assembler = new SocketIOMessageAssembler();
        const string header = "451-[\"updateStream\",{\"_placeholder\":true,\"num\":0}]";
        for (var tick = 0; tick < 3; tick++)
        {
            byte[] frame = Utf8(header);
            assembler.ReceiveFrame(frame, 1, out _).ShouldBeFalse();
            assembler.PendingAttachmentCount.ShouldBe(1);
            frame.AsSpan().Fill((byte)'x');
            assembler.ReceiveBinary(new[] { (byte)tick }, out var message).ShouldBeTrue();
            Text(message.HeaderFrame).ShouldBe(header);
            message.EventNameEquals("updateStream"u8).ShouldBeTrue();
            message.GetAttachment(0).ToArray().ShouldBe(new[] { (byte)tick });
        }

        assembler.ReceiveFrame(Utf8("451-[\"updateStreaM\",{\"_placeholder\":true,\"num\":0}]"), 1, out _).ShouldBeFalse();
        assembler.ReceiveBinary(Hex("07"), out var other).ShouldBeTrue();
        other.EventNameEquals("updateStreaM"u8).ShouldBeTrue();

        // The same bytes with the packet starting at 0 are another packet (type 4, CONNECT_ERROR, with no namespace or
        // payload the parser accepts), refused as the parser refuses it.
        assembler.ReceiveFrame(Utf8(header), 1, out _).ShouldBeFalse();
        assembler.ReceiveBinary(Hex("08"), out _).ShouldBeTrue();
        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveFrame(Utf8(header), 0, out _));

        // A text packet parsed in between replaces the layout; the header is parsed again after it.
        assembler.ReceiveFrame(Utf8(header), 1, out _).ShouldBeFalse();
        assembler.ReceiveBinary(Hex("09"), out _).ShouldBeTrue();
        assembler.ReceiveFrame(Utf8("42[\"other\",1]"), 1, out var text).ShouldBeTrue();
        text.EventNameEquals("other"u8).ShouldBeTrue();
        assembler.ReceiveFrame(Utf8(header), 1, out _).ShouldBeFalse();
        assembler.ReceiveBinary(Hex("0a"), out var again).ShouldBeTrue();
        again.EventNameEquals("updateStream"u8).ShouldBeTrue();
        again.Arguments.Count.ShouldBe(1);
    }

    [Fact]
    public void Real_server_bin2_event_with_nested_placeholders()
    {
        // 452-["bin2",{"x":{"_placeholder":true,"num":0}},[{"_placeholder":true,"num":1}]] + 6162 + ff
        using var assembler = new SocketIOMessageAssembler();
        byte[] header = Utf8("452-[\"bin2\",{\"x\":{\"_placeholder\":true,\"num\":0}},[{\"_placeholder\":true,\"num\":1}]]");
        Feed(assembler, (false, header), out _).ShouldBeFalse();
        header.AsSpan().Clear(); // header text must outlive the receive buffer too
        Feed(assembler, B("6162"), out _).ShouldBeFalse();
        Feed(assembler, B("ff"), out SocketIOMessage message).ShouldBeTrue();

        message.EventNameEquals("bin2"u8).ShouldBeTrue();
        Equivalent(message.Payload, "[\"bin2\",{\"x\":{\"_placeholder\":true,\"num\":0}},[{\"_placeholder\":true,\"num\":1}]]");

        // Walk argument 0 as a consumer would, resolving the nested placeholder.
        var reader = new Utf8JsonReader(message.Arguments[0]);
        reader.Read();
        reader.Read();
        reader.ValueTextEquals("x"u8).ShouldBeTrue();
        reader.Read();
        SocketIOPlaceholder.TryRead(ref reader, out int x).ShouldBeTrue();
        reader.TokenType.ShouldBe(JsonTokenType.EndObject);
        Text(message.GetAttachment(x)).ShouldBe("ab");

        reader = new Utf8JsonReader(message.Arguments[1]);
        reader.Read();
        reader.Read();
        SocketIOPlaceholder.TryRead(ref reader, out int y).ShouldBeTrue();
        message.GetAttachment(y).ToArray().ShouldBe(Hex("ff"));
    }

    [Fact]
    public void Real_server_binary_ack()
    {
        // 461-3[{"_placeholder":true,"num":0}] + 090807
        using var assembler = new SocketIOMessageAssembler();
        Feed(assembler, T("461-3[{\"_placeholder\":true,\"num\":0}]"), out _).ShouldBeFalse();
        Feed(assembler, B("090807"), out SocketIOMessage message).ShouldBeTrue();

        message.Type.ShouldBe(SocketIOPacketType.BinaryAck);
        message.AckId.ShouldBe(3);
        message.Arguments.Count.ShouldBe(1);
        message.GetAttachment(0).ToArray().ShouldBe(Hex("090807"));
    }

    [Fact]
    public void Real_server_text_frames_of_the_session_decode()
    {
        using var assembler = new SocketIOMessageAssembler();
        Feed(assembler, T("40{\"sid\":\"ssRMm8I2Or-qjgeVAAAA\"}"), out SocketIOMessage m).ShouldBeTrue();
        m.Type.ShouldBe(SocketIOPacketType.Connect);
        Equivalent(m.Payload, "{\"sid\":\"ssRMm8I2Or-qjgeVAAAA\"}");

        Feed(assembler, T("44/nope,{\"message\":\"Invalid namespace\"}"), out m).ShouldBeTrue();
        m.Type.ShouldBe(SocketIOPacketType.ConnectError);
        Text(m.Namespace).ShouldBe("/nope");

        Feed(assembler, T("44/private,{\"message\":\"Not authorized\",\"data\":{\"code\":401}}"), out m).ShouldBeTrue();
        m.Type.ShouldBe(SocketIOPacketType.ConnectError);
        Text(m.Namespace).ShouldBe("/private");
        Equivalent(m.Payload, "{\"message\":\"Not authorized\",\"data\":{\"code\":401}}");

        Feed(assembler, T("431[\"ack:x\",7]"), out m).ShouldBeTrue();
        m.Type.ShouldBe(SocketIOPacketType.Ack);
        m.AckId.ShouldBe(1);
        Text(m.Arguments.Json).ShouldBe("\"ack:x\",7");

        Feed(assembler, T("432[4]"), out m).ShouldBeTrue();
        m.AckId.ShouldBe(2);

        Feed(assembler, T("420[\"question\",\"q?\"]"), out m).ShouldBeTrue();
        m.AckId.ShouldBe(0);
        m.EventNameEquals("question"u8).ShouldBeTrue();

        Feed(assembler, T("40/admin,{\"sid\":\"2kTvUX7z6DZ1djdXAAAB\"}"), out m).ShouldBeTrue();
        Text(m.Namespace).ShouldBe("/admin");

        Feed(assembler, T("42/admin,[\"admin-hello\",{\"token\":\"abc\"}]"), out m).ShouldBeTrue();
        m.EventNameEquals("admin-hello"u8).ShouldBeTrue();
        Equivalent(m.Arguments[0], "{\"token\":\"abc\"}");

        // connection state recovery: an extra trailing offset argument, argument count not assumed
        Feed(assembler, T("451-[\"bin\",{\"_placeholder\":true,\"num\":0},\"Q7z2Kp0.0\"]"), out _).ShouldBeFalse();
        Feed(assembler, B("01020304"), out m).ShouldBeTrue();
        m.Arguments.Count.ShouldBe(2);
    }

    public static TheoryData<string, string[]> BinaryVectors => new()
    {
        // socketio.md §2.1 binary vectors
        { "51-/cool,23[\"a\",{\"_placeholder\":true,\"num\":0}]", ["616263"] },
        { "51-/cool,23[\"a\",{\"b\":[\"c\",{\"_placeholder\":true,\"num\":0}]}]", ["616263"] },
        { "61-/back,127[\"a\",{\"_placeholder\":true,\"num\":0},{}]", ["787878"] },
        { "51-0[\"a\",{\"_placeholder\":true,\"num\":0}]", ["0000"] },
        { "52-/deep,999[\"a\",{\"a\":\"hi\",\"b\":{\"why\":{\"_placeholder\":true,\"num\":0}},\"c\":{\"a\":\"bye\",\"b\":{\"a\":{\"_placeholder\":true,\"num\":1}}}}]", ["000000", "000000000000"] },
        { "51-600[\"a\",{\"a\":\"b\",\"c\":4,\"e\":{\"g\":null},\"h\":{\"_placeholder\":true,\"num\":0}}]", ["000000000000000000"] },
        { "52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", ["010203", "040506"] },
        { "52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", ["0102", "0304"] },
        { "61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", ["01020304"] },
        { "52-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", ["010203", "040506"] },
        { "51-[\"a\",\"\",{\"_placeholder\":true,\"num\":0}]", [""] }, // an empty attachment is still an attachment
    };

    [Theory]
    [MemberData(nameof(BinaryVectors))]
    public void Reassembles_official_binary_vectors(string header, string[] attachments)
    {
        using var assembler = new SocketIOMessageAssembler();
        assembler.ReceiveText(Utf8(header), out _).ShouldBeFalse();
        SocketIOMessage message = default;
        for (int i = 0; i < attachments.Length; i++)
        {
            assembler.ReceiveBinary(Hex(attachments[i]), out message).ShouldBe(i == attachments.Length - 1);
        }

        message.AttachmentCount.ShouldBe(attachments.Length);
        Text(message.Packet.RawBytes).ShouldBe(header);
        for (int i = 0; i < attachments.Length; i++)
        {
            message.GetAttachment(i).ToArray().ShouldBe(Hex(attachments[i]));
        }
    }

    [Fact]
    public void Text_while_attachments_are_pending_is_refused_and_drops_the_half_built_message()
    {
        using var assembler = new SocketIOMessageAssembler();
        assembler.ReceiveText(Utf8("52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"), out _);
        assembler.ReceiveBinary(Hex("01"), out _).ShouldBeFalse();

        var ex = Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveText(Utf8("2[\"x\"]"), out _));
        ex.Error.ShouldBe(SocketIOProtocolError.UnexpectedText);
        assembler.IsAwaitingAttachments.ShouldBeFalse();
        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveBinary(Hex("02"), out _)).Error.ShouldBe(SocketIOProtocolError.UnexpectedBinary);
    }

    [Fact]
    public void Binary_with_nothing_pending_is_refused()
    {
        using var assembler = new SocketIOMessageAssembler();
        var ex = Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveBinary(Hex("01020304"), out _));
        ex.Error.ShouldBe(SocketIOProtocolError.UnexpectedBinary);
        ex.Message.ShouldContain("Close the connection");

        // after a completed message, one binary too many is refused as well
        assembler.ReceiveText(Utf8("51-[\"a\",{\"_placeholder\":true,\"num\":0}]"), out _);
        assembler.ReceiveBinary(Hex("01"), out _).ShouldBeTrue();
        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveBinary(Hex("02"), out _)).Error.ShouldBe(SocketIOProtocolError.UnexpectedBinary);
    }

    [Theory]
    [InlineData("51-[\"hello\",{\"_placeholder\":true,\"num\":1}]", SocketIOProtocolError.PlaceholderOutOfRange)]
    [InlineData("51-[\"hello\",{\"_placeholder\":true,\"num\":\"splice\"}]", SocketIOProtocolError.InvalidPlaceholder)]
    [InlineData("50-[\"hello\"]", SocketIOProtocolError.IllegalAttachments)]
    [InlineData("511-[\"a\"]", SocketIOProtocolError.TooManyAttachments)]
    public void Bad_headers_are_refused_before_any_attachment_is_awaited(string header, SocketIOProtocolError expected)
    {
        using var assembler = new SocketIOMessageAssembler();
        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveText(Utf8(header), out _)).Error.ShouldBe(expected);
        assembler.IsAwaitingAttachments.ShouldBeFalse();
    }

    [Fact]
    public void Attachment_limit_comes_from_options()
    {
        using var assembler = new SocketIOMessageAssembler(new SocketIOCodecOptions { MaxAttachments = 2 });
        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveText(Utf8("53-[\"a\",{\"_placeholder\":true,\"num\":0}]"), out _))
            .Error.ShouldBe(SocketIOProtocolError.TooManyAttachments);
        assembler.ReceiveText(Utf8("52-[\"a\",{\"_placeholder\":true,\"num\":1}]"), out _).ShouldBeFalse();
    }

    [Fact]
    public void Oversized_attachment_is_refused_and_drops_the_message()
    {
        using var assembler = new SocketIOMessageAssembler(new SocketIOCodecOptions { MaxPayloadBytes = 100 });
        assembler.ReceiveText(Utf8("52-[\"a\",{\"_placeholder\":true,\"num\":0}]"), out _);
        assembler.ReceiveBinary(new byte[100], out _).ShouldBeFalse();
        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveBinary(new byte[101], out _)).Error.ShouldBe(SocketIOProtocolError.PayloadTooLarge);
        assembler.IsAwaitingAttachments.ShouldBeFalse();
        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveText(new byte[101], out _)).Error.ShouldBe(SocketIOProtocolError.PayloadTooLarge);
    }

    [Fact]
    public void Reset_drops_a_half_built_message_and_decoding_resumes()
    {
        using var assembler = new SocketIOMessageAssembler();
        assembler.ReceiveText(Utf8("51-[\"a\",{\"_placeholder\":true,\"num\":0}]"), out _).ShouldBeFalse();

        assembler.Reset();

        assembler.IsAwaitingAttachments.ShouldBeFalse();
        assembler.ReceiveText(Utf8("2[\"after\"]"), out SocketIOMessage message).ShouldBeTrue();
        message.EventNameEquals("after"u8).ShouldBeTrue();
        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveBinary(Hex("01"), out _)).Error.ShouldBe(SocketIOProtocolError.UnexpectedBinary);
    }

    [Fact]
    public void Large_attachments_grow_the_buffer_and_consecutive_messages_stay_correct()
    {
        using var assembler = new SocketIOMessageAssembler();
        byte[] big = new byte[600_000];
        Random.Shared.NextBytes(big);
        for (int round = 0; round < 3; round++)
        {
            assembler.ReceiveText(Utf8("52-[\"up\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"), out _).ShouldBeFalse();
            assembler.ReceiveBinary(big, out _).ShouldBeFalse();
            assembler.ReceiveBinary(Hex("aa"), out SocketIOMessage m).ShouldBeTrue();
            m.GetAttachment(0).SequenceEqual(big).ShouldBeTrue();
            m.GetAttachment(1).ToArray().ShouldBe(Hex("aa"));
            m.EventNameEquals("up"u8).ShouldBeTrue();

            assembler.ReceiveText(Utf8("51-[\"small\",{\"_placeholder\":true,\"num\":0}]"), out _).ShouldBeFalse();
            assembler.ReceiveBinary(Hex("0102"), out m).ShouldBeTrue();
            m.EventNameEquals("small"u8).ShouldBeTrue();
            m.GetAttachment(0).ToArray().ShouldBe(Hex("0102"));
        }
    }
}
