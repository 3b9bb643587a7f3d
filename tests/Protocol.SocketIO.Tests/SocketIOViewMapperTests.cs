using Protocol.Tests.Placeholders;
using System.Text;
using System.Text.Json;
using Protocol.Testing;
using Protocol.Tests.Allocations;

namespace Protocol.SocketIO.Tests;

// The one packet -> core view mapping (issue #9 items 2 and 11): the argument layout is computed here, on the Socket.IO
// side, once per message (placeholders resolved to their attachment), and the core view only indexes it.
public sealed class SocketIOViewMapperTests : IDisposable
{
    private readonly SocketIOMessageAssembler _assembler = new();
    private readonly SocketIOViewMapper _mapper = new();

    private delegate T ViewReader<out T>(MessageView view);

    public void Dispose() => _assembler.Dispose();

    [Fact]
    public void Event_arguments_are_the_elements_after_the_event_name()
    {
        var (kind, name, arguments, ack, ns) = Decode("""42["quote",{"asset":"EURUSD","price":1.5},[1,2],"x"]""", [], v => (v.Kind, Text(v.Name), Arguments(v), v.GetAckId(), Text(v.GetNamespace())));

        kind.ShouldBe(MessageKind.Event);
        name.ShouldBe("quote");
        arguments.ShouldBe(["""{"asset":"EURUSD","price":1.5}""", "[1,2]", "\"x\""]);
        ack.ShouldBeNull();
        ns.ShouldBe("/");
    }

    [Fact]
    public void An_ack_is_a_reply_whose_arguments_start_at_the_first_element_with_its_id_and_namespace()
    {
        var (kind, arguments, ack, ns, scope) = Decode("""43/chat,12["ack:x",7]""", [], v => (v.Kind, Arguments(v), v.GetAckId(), Text(v.GetNamespace()), Text(v.Scope)));

        kind.ShouldBe(MessageKind.Reply);
        arguments.ShouldBe(["\"ack:x\"", "7"]);
        ack.ShouldBe(12);
        ns.ShouldBe("/chat");
        scope.ShouldBe("/chat");
    }

    [Fact]
    public void An_event_with_an_ack_id_carries_it_as_its_correlation()
    {
        Decode("""420["question","q?"]""", [], v => (v.Kind, v.CorrelationId)).ShouldBe((MessageKind.Event, 0L));
    }

    [Fact]
    public void A_placeholder_argument_reads_like_the_same_value_sent_in_one_step()
    {
        // PocketOption sends successupdateBalance both ways; a reader must not be able to tell them apart.
        var oneStep = Decode("""42["successupdateBalance",{"balance":100.5,"isDemo":1}]""", [], ReadBalance);
        var twoStep = Decode("""451-["successupdateBalance",{"_placeholder":true,"num":0}]""", [Encoding.UTF8.GetBytes("""{"balance":100.5,"isDemo":1}""")], ReadBalance);

        oneStep.ShouldBe((true, """{"balance":100.5,"isDemo":1}""", 100.5m));
        twoStep.ShouldBe(oneStep);

        static (bool Found, string Json, decimal Balance) ReadBalance(MessageView view)
        {
            var found = view.TryGetArgument(0, out var json);
            view.TryGetArgumentReader(0, out var reader);
            reader.Read();
            reader.Read();
            return (found, Text(json), reader.GetDecimal());
        }
    }

    [Fact]
    public void The_placeholder_inside_argument_i_resolves_to_its_attachment_through_the_layout()
    {
        var arguments = Decode(
            """452-["ev",1,{"_placeholder":true,"num":1},{"_placeholder":true,"num":0},{"inner":{"_placeholder":true,"num":0}}]""",
            [Encoding.UTF8.GetBytes("\"zero\""), Encoding.UTF8.GetBytes("\"one\"")],
            v => (Arguments(v), v.Attachments.Length));

        // Only an argument that is itself a placeholder is replaced; one nested deeper stays the JSON the server sent.
        arguments.Item1.ShouldBe(["1", "\"one\"", "\"zero\"", """{"inner":{"_placeholder":true,"num":0}}"""]);
        arguments.Item2.ShouldBe(2);
    }

    [Fact]
    public void Only_an_argument_that_is_itself_a_placeholder_is_an_attachment_and_its_bytes_are_not_JSON()
    {
        // 451-["chunk",{"_placeholder":true,"num":0}]: a binary value as the whole argument, whose bytes a binary reader takes as they are.
        byte[] notJson = [(byte)'{', 0, 0xFF];
        var found = Decode(
            """452-["ev",{"_placeholder":true,"num":1},"x",{"inner":{"_placeholder":true,"num":0}}]""",
            [Encoding.UTF8.GetBytes("\"zero\""), notJson],
            AttachmentArguments);

        found[0].ShouldBe(notJson);
        found[1].ShouldBeNull(); // JSON in the payload
        found[2].ShouldBeNull(); // a placeholder nested deeper stays JSON
        found[3].ShouldBeNull(); // no such argument

        // A one-step message, and the whole-payload form of the view, have no attachment arguments.
        Decode("""42["chunk","AQID"]""", [], v => v.TryGetArgumentAttachment(0, out _)).ShouldBeFalse();
        new MessageView(MessageKind.Event, "{}"u8, "a"u8, "{}"u8).TryGetArgumentAttachment(0, out _).ShouldBeFalse();

        static byte[]?[] AttachmentArguments(MessageView view)
        {
            var found = new byte[]?[view.ArgumentCount + 1];
            for (var i = 0; i < found.Length; i++)
            {
                found[i] = view.TryGetArgumentAttachment(i, out var bytes) ? bytes.ToArray() : null;
            }

            return found;
        }
    }

    // socket.io-parser's reconstructPacket: an object whose _placeholder is true is a placeholder, whatever else it holds;
    // the last of a repeated key wins. The same rule reads a placeholder nested in an argument (BinaryMemberTests).
    [Theory]
    [MemberData(nameof(PlaceholderCases.PeerChecked), MemberType = typeof(PlaceholderCases))]
    public void A_whole_argument_placeholder_is_its_attachment_by_socket_io_parsers_rule(string placeholder, bool isPlaceholder)
    {
        byte[] attachment = [7, 8];
        var frame = $"""451-["ev",{placeholder}]""";
        var payload = Encoding.UTF8.GetBytes(frame[frame.IndexOf('[', StringComparison.Ordinal)..]);

        // Through the parser (the layout it records while validating) and through the mapper's own pass over a packet.
        var parsed = Decode(frame, [attachment], v => v.TryGetArgumentAttachment(0, out var bytes) ? bytes.ToArray() : null);
        var mapped = new SocketIOViewMapper().MapFields(MessageKind.Event, payload, "ev"u8, payload, [attachment], default, null);
        var fromFields = mapped.TryGetArgumentAttachment(0, out var fieldBytes) ? fieldBytes.ToArray() : null;

        if (isPlaceholder)
        {
            parsed.ShouldBe(attachment);
            fromFields.ShouldBe(attachment);
        }
        else
        {
            parsed.ShouldBeNull("not a placeholder: the argument is the JSON the peer sent");
            fromFields.ShouldBeNull();
        }
    }

    [Theory]
    [InlineData("""42["ev",{"\ud800":1}]""", """{"\ud800":1}""")]
    [InlineData("""451-["ev",{"\udc00":true,"_placeholder":true,"num":0}]""", "{}")] // still a placeholder, as socket.io-parser reads it
    public void An_argument_with_a_key_that_is_not_valid_unicode_never_throws(string frame, string expected)
    {
        // Issue #8: a lone surrogate in a key is the application's data; the placeholder check must not throw on it.
        byte[][] attachments = frame.StartsWith("45", StringComparison.Ordinal) ? ["{}"u8.ToArray()] : [];
        var (found, json, reader) = Decode(frame, attachments, v => (v.TryGetArgument(0, out var json), Text(json), v.TryGetArgumentReader(0, out _)));

        found.ShouldBeTrue();
        json.ShouldBe(expected);
        reader.ShouldBeTrue();
    }

    [Theory]
    [InlineData("""42["ev"]""")]
    [InlineData("""42/admin,7["ev",1,"two",{"a":[1,{"b":null}]},[[]],true,null,-1.5e3]""")]
    [InlineData("""43/chat,12[{"x":1},"y"]""")]
    [InlineData("""42[ "ev" , 1 , { "a" : 2 } ]""")]
    [InlineData("""452-["ev",{"_placeholder":true,"num":1},{"k":{"_placeholder":true,"num":0}},{"_placeholder":false,"num":0},3]""")]
    [InlineData("""461-5[{"num":0,"_placeholder":true},{"_placeholder":true,"num":0,"_placeholder":false}]""")]
    public void The_layout_the_parser_records_matches_the_mappers_own_pass(string frame)
    {
        // The assembler's packets carry the layout the parser recorded while validating; a packet decoded on its own
        // (SocketIOPacketDecoder) is laid out by the mapper. Both must read the same arguments.
        var bytes = Encoding.UTF8.GetBytes(frame);
        SocketIOPacketDecoder.TryDecode(bytes.AsSpan(1), out var alone, out _).ShouldBeTrue();
        byte[][] attachments = [.. Enumerable.Range(0, alone.AttachmentCount).Select(k => Encoding.UTF8.GetBytes($"\"attachment {k}\""))];
        ReadOnlyMemory<byte>[] parts = [.. attachments.Select(a => (ReadOnlyMemory<byte>)a)];
        var computed = Arguments(new SocketIOViewMapper().Map(alone, bytes, parts));

        var recorded = Decode(frame, attachments, Arguments);

        alone.TryGetArgumentLayout(out _).ShouldBe(alone.ArgumentCount == 0, "the decoder alone records no layout");
        recorded.ShouldBe(computed);
        recorded.Length.ShouldBe(alone.ArgumentCount);
    }

    [Fact]
    public void Fields_are_laid_out_as_the_parser_would_lay_out_the_same_packet()
    {
        var payload = """["ev",1,{"_placeholder":true,"num":0},{"a":2}]"""u8;
        ReadOnlyMemory<byte>[] attachments = ["\"bin\""u8.ToArray()];
        var fromFields = Arguments(_mapper.MapFields(MessageKind.Event, payload, "ev"u8, payload, attachments, default, 4));
        var view = _mapper.MapFields(MessageKind.Event, payload, "ev"u8, payload, attachments, default, 4);
        (view.GetAckId(), Text(view.GetNamespace())).ShouldBe((4L, "/"));

        var fromFrame = Decode("""451-4["ev",1,{"_placeholder":true,"num":0},{"a":2}]""", [Encoding.UTF8.GetBytes("\"bin\"")], Arguments);
        fromFields.ShouldBe(fromFrame);
        fromFields.ShouldBe(["1", "\"bin\"", """{"a":2}"""]);
        Arguments(_mapper.MapFields(MessageKind.Reply, "[1,2]"u8, default, "[1,2]"u8, default, "/chat"u8, 1)).ShouldBe(["1", "2"]);
    }

    [Theory]
    [InlineData("""["ev",{"a":""")]
    [InlineData("""["ev",1]x""")]
    [InlineData("""{"ev":1}""")]
    [InlineData("""[]""")]
    [InlineData("")]
    public void Fields_whose_payload_is_not_one_array_have_no_arguments(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        _mapper.MapFields(MessageKind.Event, bytes, "ev"u8, bytes, default, default, null).ArgumentCount.ShouldBe(0);
    }

    [Fact]
    public void Fields_of_another_kind_are_refused()
    {
        Should.Throw<ArgumentException>(() => _mapper.MapFields(MessageKind.Action, default, default, "{}"u8, default, default, null)).Message.ShouldContain("Event or a Reply");
    }

    [Fact]
    public void An_escaped_event_name_is_unescaped()
    {
        Decode("""42["caf\u00e9",1]""", [], v => Text(v.Name)).ShouldBe("café");
        Decode("""42[7,"numeric name"]""", [], v => (Text(v.Name), Arguments(v).Single())).ShouldBe(("7", "\"numeric name\""));

        // The same through the packet overload, on a packet decoded alone (no assembler behind it).
        var frame = Encoding.UTF8.GetBytes("""42["caf\u00e9",1]""");
        Text(new SocketIOViewMapper().Map(SocketIOPacketDecoder.Decode(frame.AsSpan(1)), frame, default).Name).ShouldBe("café");
    }

    [Fact]
    public void A_control_packet_is_refused_by_either_overload()
    {
        _assembler.ReceiveText("0/chat,"u8, out var connect).ShouldBeTrue();
        var refused = false;
        try
        {
            _mapper.Map(connect, "40/chat,"u8);
        }
        catch (ArgumentException error)
        {
            refused = error.Message.Contains("IsMessage", StringComparison.Ordinal);
        }

        refused.ShouldBeTrue();
        Should.Throw<ArgumentException>(() => new SocketIOViewMapper().Map(SocketIOPacketDecoder.Decode("1"u8), "41"u8, default));
    }

    [Theory]
    [InlineData("""42[42,"a"]""", true)]
    [InlineData("""42["42","a"]""", false)]
    [InlineData("""42[1.5]""", true)]
    [InlineData("""451-[42,{"_placeholder":true,"num":0}]""", true)]
    [InlineData("""43[42]""", false)]
    public void A_numeric_event_name_is_told_from_the_same_text_as_a_string(string frame, bool isNumber)
    {
        // socket.io-parser accepts any number as an event name; the view's name bytes are the same for 42 and "42".
        byte[][] attachments = frame.StartsWith("45", StringComparison.Ordinal) ? ["{}"u8.ToArray()] : [];
        Decode(frame, attachments, v => v.NameIsNumber).ShouldBe(isNumber);

        var payload = Encoding.UTF8.GetBytes(frame[frame.IndexOf('[', StringComparison.Ordinal)..]);
        var kind = frame.StartsWith("43", StringComparison.Ordinal) ? MessageKind.Reply : MessageKind.Event;
        _mapper.MapFields(kind, payload, kind == MessageKind.Event ? "42"u8 : default, payload, attachments.Select(a => (ReadOnlyMemory<byte>)a).ToArray(), default, null)
            .NameIsNumber.ShouldBe(isNumber, "the fields path agrees with the parsed one");
    }

    [Theory]
    [InlineData("40")]
    [InlineData("""44{"message":"no"}""")]
    [InlineData("41")]
    public void Control_packets_are_not_messages(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        _assembler.ReceiveText(bytes.AsSpan(1), out var message).ShouldBeTrue();
        SocketIOViewMapper.IsMessage(message.Type).ShouldBeFalse();
        var type = message.Type;
        var error = Should.Throw<ArgumentException>(() =>
        {
            _assembler.ReceiveText(bytes.AsSpan(1), out var again);
            _mapper.Map(again.Packet, bytes, default);
        });
        error.Message.ShouldContain($"{type} packet is not a message");
    }

    [Fact]
    public async Task Mapping_and_reading_allocate_nothing_in_steady_state()
    {
        var frame = """42["tick",12345,"xxxxxxxxxxxxxxxx",{"v":1}]"""u8.ToArray();
        long sum = 0;

        var rounds = await AllocationRounds.MeasureAsync(() =>
        {
            for (var i = 0; i < 4_000; i++)
            {
                sum += MapAndRead(frame);
            }
        }, 5).WithSafetyNet(AllocationRounds.Limit);

        rounds.Min().ShouldBe(0, $"mapping and reading allocated in every round of 4000 frames (bytes per round: {AllocationRounds.Describe(rounds)})");
        sum.ShouldBe(6 * 4_000L * (12345 + 1));
    }

    private long MapAndRead(byte[] frame)
    {
        _assembler.ReceiveText(frame.AsSpan(1), out var message);
        var view = _mapper.Map(message, frame);
        view.TryGetArgumentReader(0, out var number);
        view.TryGetArgumentReader(2, out var obj);
        obj.Read();
        obj.Read();
        return number.GetInt64() + obj.GetInt64();
    }

    private T Decode<T>(string frame, byte[][] attachments, ViewReader<T> read)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);
        if (_assembler.ReceiveText(bytes.AsSpan(1), out var message))
        {
            attachments.Length.ShouldBe(0, "a one-step frame takes no attachments");
            message.Packet.TryGetArgumentLayout(out _).ShouldBeTrue("the assembler's parser records the layout, so the mapper does not re-scan");
            // The connection's and the test kit's overload: the message, its layout read where the assembler keeps it.
            return read(_mapper.Map(message, bytes));
        }

        for (var i = 0; i < attachments.Length; i++)
        {
            var complete = _assembler.ReceiveBinary(attachments[i], out var done);
            complete.ShouldBe(i == attachments.Length - 1);
            if (complete)
            {
                done.Packet.TryGetArgumentLayout(out _).ShouldBeTrue("the layout travels with a reassembled message");
                done.Attachments.Length.ShouldBe(done.AttachmentCount);
                return read(_mapper.Map(done, bytes));
            }
        }

        throw new InvalidOperationException($"'{frame}' announced more attachments than the test gave.");
    }

    private static string[] Arguments(MessageView view)
    {
        var arguments = new string[view.ArgumentCount];
        for (var i = 0; i < arguments.Length; i++)
        {
            view.TryGetArgument(i, out var json).ShouldBeTrue();
            arguments[i] = Text(json);
        }

        return arguments;
    }

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
