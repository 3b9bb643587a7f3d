using System.Text;
using System.Text.Json;
using Protocol.Testing;
using Protocol.Tests.Allocations;

namespace Protocol.Core.Tests.Messaging;

// The core view is transport-neutral: its arguments are the slices the transport's decoder handed in, and reading one
// is an index (the Socket.IO mapping, placeholders included, is tested in Protocol.SocketIO.Tests/SocketIOViewMapperTests).
public sealed class MessageViewTests
{
    [Fact]
    public void Arguments_are_the_slices_the_transport_handed_in()
    {
        var payload = """["quote",{"asset":"EURUSD","price":1.5},[1,2]]"""u8;
        ArgumentSlice[] arguments = [ArgumentSlice.InPayload(9, 30), ArgumentSlice.InPayload(40, 5)];
        var view = new MessageView(MessageKind.Event, payload, "quote"u8, payload, arguments);

        view.ArgumentCount.ShouldBe(2);
        view.TryGetArgument(0, out var first).ShouldBeTrue();
        Encoding.UTF8.GetString(first).ShouldBe("""{"asset":"EURUSD","price":1.5}""");
        view.TryGetArgument(1, out var second).ShouldBeTrue();
        Encoding.UTF8.GetString(second).ShouldBe("[1,2]");
        view.TryGetArgument(2, out _).ShouldBeFalse();
        view.TryGetArgument(-1, out _).ShouldBeFalse();
        view.HasCorrelationId.ShouldBeFalse();
        view.Scope.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void An_attachment_slice_reads_the_attachment_bytes()
    {
        var payload = """["successupdateBalance",{"_placeholder":true,"num":0}]"""u8;
        ReadOnlyMemory<byte>[] attachments = [Encoding.UTF8.GetBytes("""{"balance":100.5,"isDemo":1}""")];
        var view = new MessageView(MessageKind.Event, payload, "successupdateBalance"u8, payload, [ArgumentSlice.Attachment(0)], attachments);

        view.TryGetArgumentReader(0, out var reader).ShouldBeTrue();
        reader.TokenType.ShouldBe(JsonTokenType.StartObject);
        reader.Read();
        reader.GetString().ShouldBe("balance");
    }

    [Fact]
    public void A_slice_outside_the_payload_or_the_attachments_is_no_argument_instead_of_an_exception()
    {
        var payload = """["ev",1]"""u8;
        var view = new MessageView(MessageKind.Event, payload, "ev"u8, payload, [ArgumentSlice.InPayload(6, 9), ArgumentSlice.Attachment(2)], [new byte[] { 1 }]);

        view.TryGetArgument(0, out _).ShouldBeFalse();
        view.TryGetArgument(1, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_reply_carries_its_correlation_and_scope()
    {
        var payload = """[7]"""u8;
        var view = new MessageView(MessageKind.Reply, "431[7]"u8, default, payload, [ArgumentSlice.InPayload(1, 1)], default, "/chat"u8, 1);

        view.TryGetArgumentReader(0, out var reader).ShouldBeTrue();
        reader.GetInt32().ShouldBe(7);
        view.CorrelationId.ShouldBe(1);
        view.HasCorrelationId.ShouldBeTrue();
        Encoding.UTF8.GetString(view.Scope).ShouldBe("/chat");
        Should.Throw<ArgumentOutOfRangeException>(() => new MessageView(MessageKind.Reply, "[7]"u8, default, "[7]"u8, [], default, default, -2));
    }

    [Fact]
    public void An_action_message_has_one_argument_the_whole_object()
    {
        var payload = """{"action":"candles","message":{"assetId":1}}"""u8;
        var view = new MessageView(MessageKind.Action, payload, "candles"u8, payload);

        view.ArgumentCount.ShouldBe(1);
        view.TryGetArgument(0, out var json).ShouldBeTrue();
        json.SequenceEqual(payload).ShouldBeTrue();
        view.TryGetArgument(1, out _).ShouldBeFalse();
        new MessageView(MessageKind.Raw, default, default, default).ArgumentCount.ShouldBe(0);
    }

    [Fact]
    public void An_argument_that_is_not_json_has_no_reader_instead_of_throwing()
    {
        var payload = """["ev",{"_placeholder":true,"num":0}]"""u8;
        ReadOnlyMemory<byte>[] attachments = [new byte[] { 0xFF, 0x00, 0x7B }];
        var view = new MessageView(MessageKind.Event, payload, "ev"u8, payload, [ArgumentSlice.Attachment(0)], attachments);

        view.TryGetArgument(0, out var bytes).ShouldBeTrue();
        bytes.Length.ShouldBe(3);
        view.TryGetArgumentReader(0, out _).ShouldBeFalse();
    }

    [Fact]
    public void Slices_refuse_negative_offsets()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ArgumentSlice.InPayload(-1, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => ArgumentSlice.InPayload(0, -1));
        Should.Throw<ArgumentOutOfRangeException>(() => ArgumentSlice.Attachment(-1));
    }

    [Fact]
    public async Task Reading_an_argument_allocates_nothing()
    {
        var payload = """["tick",12345,"xxxxxxxxxxxxxxxx",{"_placeholder":true,"num":0}]"""u8.ToArray();
        ReadOnlyMemory<byte>[] attachments = ["""{"v":1}"""u8.ToArray()];
        ArgumentSlice[] arguments = [ArgumentSlice.InPayload(8, 5), ArgumentSlice.InPayload(14, 18), ArgumentSlice.Attachment(0)];
        long sum = 0;
        var rounds = await AllocationRounds.MeasureAsync(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                sum += Read(payload, arguments, attachments);
            }
        }, 5).WithSafetyNet(AllocationRounds.Limit);

        rounds.Min().ShouldBe(0, $"reading arguments allocated in every round of 20000 reads (bytes per round: {AllocationRounds.Describe(rounds)})");
        sum.ShouldBe(6 * 20_000L * (12345 + 1));

        static long Read(byte[] payload, ArgumentSlice[] arguments, ReadOnlyMemory<byte>[] attachments)
        {
            var view = new MessageView(MessageKind.Event, payload, "tick"u8, payload, arguments, attachments);
            view.TryGetArgumentReader(0, out var number);
            view.TryGetArgumentReader(2, out var obj);
            obj.Read();
            obj.Read();
            return number.GetInt64() + obj.GetInt64();
        }
    }
}
