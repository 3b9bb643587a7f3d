using System.Text;
using System.Text.Json;
using Protocol.Messaging;

namespace Protocol.Core.Tests.Messaging;

public sealed class MessageViewTests
{
    [Fact]
    public void Event_arguments_skip_the_event_name()
    {
        var payload = """["quote",{"asset":"EURUSD","price":1.5},[1,2]]"""u8;
        var view = new MessageView(MessageKind.Event, payload, "quote"u8, "/"u8, MessageView.NoAckId, payload);

        view.TryGetArgument(0, out var first).ShouldBeTrue();
        Encoding.UTF8.GetString(first).ShouldBe("""{"asset":"EURUSD","price":1.5}""");
        view.TryGetArgument(1, out var second).ShouldBeTrue();
        Encoding.UTF8.GetString(second).ShouldBe("[1,2]");
        view.TryGetArgument(2, out _).ShouldBeFalse();
        view.HasAckId.ShouldBeFalse();
    }

    [Fact]
    public void Ack_arguments_start_at_the_first_element()
    {
        var payload = """["ack:x",7]"""u8;
        var view = new MessageView(MessageKind.Ack, "431[\"ack:x\",7]"u8, default, "/"u8, 1, payload);

        view.TryGetArgumentReader(1, out var reader).ShouldBeTrue();
        reader.GetInt32().ShouldBe(7);
        view.AckId.ShouldBe(1);
    }

    [Fact]
    public void A_placeholder_argument_yields_the_attachment_bytes()
    {
        // PocketOption's two-step form: the header names the event, the binary frame carries the JSON.
        var header = """451-["successupdateBalance",{"_placeholder":true,"num":0}]"""u8;
        var payload = """["successupdateBalance",{"_placeholder":true,"num":0}]"""u8;
        ReadOnlyMemory<byte>[] attachments = [Encoding.UTF8.GetBytes("""{"balance":100.5,"isDemo":1}""")];
        var view = new MessageView(MessageKind.Event, header, "successupdateBalance"u8, "/"u8, MessageView.NoAckId, payload, attachments);

        view.TryGetArgumentReader(0, out var reader).ShouldBeTrue();
        reader.TokenType.ShouldBe(JsonTokenType.StartObject);
        reader.Read();
        reader.GetString().ShouldBe("balance");
        reader.Read();
        reader.GetDecimal().ShouldBe(100.5m);
    }

    [Fact]
    public void A_placeholder_whose_number_is_out_of_range_stays_a_plain_object()
    {
        var payload = """["ev",{"_placeholder":true,"num":3}]"""u8;
        ReadOnlyMemory<byte>[] attachments = [new byte[] { 1 }];
        var view = new MessageView(MessageKind.Event, payload, "ev"u8, "/"u8, MessageView.NoAckId, payload, attachments);

        view.TryGetArgument(0, out var json).ShouldBeTrue();
        Encoding.UTF8.GetString(json).ShouldBe("""{"_placeholder":true,"num":3}""");
    }

    [Fact]
    public void An_action_message_has_one_argument_the_whole_object()
    {
        var payload = """{"action":"candles","message":{"assetId":1}}"""u8;
        var view = new MessageView(MessageKind.Action, payload, "candles"u8, default, MessageView.NoAckId, payload);

        view.TryGetArgument(0, out var json).ShouldBeTrue();
        json.SequenceEqual(payload).ShouldBeTrue();
        view.TryGetArgument(1, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_malformed_payload_has_no_arguments_instead_of_throwing()
    {
        var payload = """["ev",{"a":"""u8;
        var view = new MessageView(MessageKind.Event, payload, "ev"u8, "/"u8, MessageView.NoAckId, payload);
        view.TryGetArgument(0, out _).ShouldBeFalse();
    }

    [Fact]
    public void Reading_an_argument_allocates_nothing()
    {
        var payload = """["tick",12345,"xxxxxxxxxxxxxxxx",{"_placeholder":true,"num":0}]"""u8.ToArray();
        ReadOnlyMemory<byte>[] attachments = ["""{"v":1}"""u8.ToArray()];
        long sum = 0;
        for (var i = 0; i < 1_000; i++)
        {
            sum += Read(payload, attachments);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            sum += Read(payload, attachments);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        sum.ShouldBe(101_000L * (12345 + 1));

        static long Read(byte[] payload, ReadOnlyMemory<byte>[] attachments)
        {
            var view = new MessageView(MessageKind.Event, payload, "tick"u8, "/"u8, MessageView.NoAckId, payload, attachments);
            view.TryGetArgumentReader(0, out var number);
            view.TryGetArgumentReader(2, out var obj);
            obj.Read();
            obj.Read();
            return number.GetInt64() + obj.GetInt64();
        }
    }

    [Theory]
    [InlineData("""["ev",{"\ud800":1}]""", """{"\ud800":1}""")]
    [InlineData("""["ev",{"\udc00":true,"_placeholder":true,"num":0}]""", "{}")] // still a placeholder, as socket.io-parser reads it
    public void An_argument_with_a_key_that_is_not_valid_unicode_never_throws(string payloadText, string expected)
    {
        // Issue #8: a lone surrogate in a key is the application's data; the placeholder check must not throw on it.
        var payload = Encoding.UTF8.GetBytes(payloadText);
        ReadOnlyMemory<byte>[] attachments = ["{}"u8.ToArray()];
        var view = new MessageView(MessageKind.Event, payload, "ev"u8, "/"u8, MessageView.NoAckId, payload, attachments);

        view.TryGetArgument(0, out var json).ShouldBeTrue();
        Encoding.UTF8.GetString(json).ShouldBe(expected);
        view.TryGetArgumentReader(0, out var reader).ShouldBeTrue();
        reader.TokenType.ShouldBe(JsonTokenType.StartObject);
    }
}
