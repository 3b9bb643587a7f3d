using System.Text;
using System.Text.Unicode;
using CsCheck;
using Protocol.Tests.Properties;
using Protocol.Infrastructure;
using Protocol.JsonActions;

namespace Protocol.Core.Tests.Connections;

public sealed class JsonActionEnvelopeTests
{
    private static readonly byte[][] Corpus =
    [
        """{"action":"candles","data":[[1,1.5],[2,1.6]]}"""u8.ToArray(),
        """{"\u0061ction":"pr\u006ffile","data":{"name":"x","id":1}}"""u8.ToArray(),
        """{"token":"abc","ns":1,"action":"buyOption","message":{"type":"call","amount":1}}"""u8.ToArray(),
        """{"action":"ping"}"""u8.ToArray(),
        """{"a":{"action":"nested"},"action":"outer"}"""u8.ToArray(),
    ];

    // Splices that reach the decoder's edges: escapes that are not Unicode, invalid UTF-8, structure breakers.
    private static readonly byte[][] Splices =
    [
        """\ud800"""u8.ToArray(), """\udc00"""u8.ToArray(), """\ud83d\ud83d"""u8.ToArray(), """\u0061"""u8.ToArray(),
        [0xff], [0xc3], [0xed, 0xa0, 0x80], "\""u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(),
        ","u8.ToArray(), ":"u8.ToArray(), "\\"u8.ToArray(), "\"action\":"u8.ToArray(), "1e999"u8.ToArray(),
    ];

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'c', (byte)'t', (byte)'i', (byte)'o', (byte)'n', (byte)'"', (byte)':', (byte)'"', 0xff, (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'c', (byte)'t', (byte)'i', (byte)'o', (byte)'n', (byte)'"', (byte)':', (byte)'"', (byte)'\\', (byte)'u', (byte)'0', (byte)'0', (byte)'6', (byte)'1', 0xff, (byte)'"', (byte)'}' })]
    public void An_action_name_that_is_not_valid_utf8_arrives_raw(byte[] frame)
    {
        var sink = new CountingSink();
        JsonActionEnvelope.Deliver(frame, true, "action"u8, sink);
        sink.Kinds.ShouldBe([MessageKind.Raw]);
    }

    [Fact]
    public void An_action_in_a_binary_frame_is_an_action_and_other_binary_is_raw()
    {
        // ExpertOption's server sends UTF-8 JSON in binary frames; the client must read both frame types.
        var sink = new CountingSink();
        JsonActionEnvelope.Deliver("""{"action":"profile","ns":2,"message":{"profile":{"id":1}}}"""u8, false, "action"u8, sink);
        JsonActionEnvelope.Deliver(new byte[] { 0x89, 0x50, 0x4e, 0x47 }, false, "action"u8, sink);
        sink.Kinds.ShouldBe([MessageKind.Action, MessageKind.Raw]);
        sink.Names.ShouldBe(["profile", ""]);
    }

    [Fact]
    public void Arbitrary_bytes_always_become_exactly_one_view_and_never_throw()
        => Property.ForAll(Gen.Byte.Array[0, 96], "0000000ac7e1", 30_000, Deliver, Hex);

    [Fact]
    public void Mutated_action_frames_always_become_exactly_one_view_and_never_throw()
    {
        var edit = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 200], Gen.Int[0, Splices.Length - 1], Gen.Byte);
        var mutated = Gen.Select(Gen.Int[0, Corpus.Length - 1], edit.Array[1, 4]).Select(t => Mutate(Corpus[t.Item1], t.Item2));
        Property.ForAll(mutated, "00000009jq2x", 30_000, Deliver, Hex);
    }

    private static void Deliver(byte[] frame)
    {
        var sink = new CountingSink();
        JsonActionEnvelope.Deliver(frame, true, "action"u8, sink);
        sink.Kinds.Count.ShouldBe(1);
        if (sink.Kinds[0] == MessageKind.Action)
        {
            sink.NamesValid.ShouldBeTrue("an action name must be text");
        }
    }

    private static byte[] Mutate(byte[] frame, (int Op, int At, int Splice, byte Value)[] edits)
    {
        var bytes = new List<byte>(frame);
        foreach (var (op, at, splice, value) in edits)
        {
            var i = bytes.Count == 0 ? 0 : at % (bytes.Count + 1);
            switch (op)
            {
                case 0 when i < bytes.Count:
                    bytes[i] = value;
                    break;
                case 1:
                    bytes.InsertRange(i, Splices[splice]);
                    break;
                case 2:
                    bytes.RemoveRange(i, Math.Min(bytes.Count - i, 1 + (value % 4)));
                    break;
                default:
                    bytes.RemoveRange(i, bytes.Count - i);
                    break;
            }
        }

        return [.. bytes];
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes) + " (" + Encoding.UTF8.GetString(bytes) + ")";

    private sealed class CountingSink : IMessageSink
    {
        public List<MessageKind> Kinds { get; } = [];

        public bool NamesValid { get; private set; } = true;

        public List<string> Names { get; } = [];

        public void OnMessage(in MessageView message)
        {
            Kinds.Add(message.Kind);
            Names.Add(Encoding.UTF8.GetString(message.Name));
            NamesValid &= Utf8.IsValid(message.Name);
        }

        public void OnDisconnected(DisconnectInfo info)
        {
        }
    }
}
