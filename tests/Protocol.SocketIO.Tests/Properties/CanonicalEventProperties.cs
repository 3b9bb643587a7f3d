using System.Text;
using CsCheck;
using Protocol.Tests.Properties;

namespace Protocol.SocketIO.Tests.Properties;

/// <summary>
/// The canonical fast path (<see cref="SocketIOCanonicalEvent"/>) against the full validating parser it stands in front
/// of: canonical two-step headers and one-step events take the fast path and get exactly the full parser's layout and
/// argument slices; on near-canonical mutants, whatever the fast path accepts the full parser accepts the same way, and
/// everything else is left to the full parser (so errors and their messages are unchanged).
/// </summary>
public sealed class CanonicalEventProperties
{
    private const int Iterations = 20_000;

    private static readonly SocketIOCodecOptions Small = new() { MaxPayloadBytes = 64, MaxAttachments = 3 };

    private static readonly string[] Reserved = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    // Printable ASCII without quote and backslash: the names the fast path takes.
    private static readonly Gen<string> PlainName = Gen.Char[' ', '~'].Where(c => c is not ('"' or '\\')).Array[1, 14].Select(chars => new string(chars));

    private static readonly Gen<string> Name = Gen.Frequency((12, PlainName), (1, Gen.OneOf(Reserved)));

    private static readonly Gen<string> TwoStep =
        Gen.Int[1, 12].SelectMany(count => Gen.Select(Name, Gen.Int[0, count + 1].Array[0, 4])
            .Select(t => $"5{count}-[\"{t.Item1}\"{string.Concat(t.Item2.Select(num => $",{{\"_placeholder\":true,\"num\":{num}}}"))}]"));

    private static readonly Gen<string> OneStep =
        Gen.Select(Name, JsonGen.Value.Array[0, 4])
            .Select(t => $"2[\"{t.Item1}\"{string.Concat(t.Item2.Select(value => "," + value))}]");

    private static readonly Gen<(byte[] Packet, bool Small)> Canonical =
        Gen.Select(Gen.Frequency((1, TwoStep), (1, OneStep)), Gen.Int[0, 3])
            .Select(t => (Encoding.UTF8.GetBytes(t.Item1), t.Item2 == 0));

    private static readonly Gen<(byte[] Packet, bool Small)> Mutant =
        Canonical.SelectMany(c => ByteGen.Mutated([c.Packet]).Select(bytes => (bytes, c.Small)));

    [Fact]
    public void Canonical_events_take_the_fast_path_with_the_full_parsers_layout()
    {
        var fast = 0;
        var refused = 0;
        Property.ForAll(Canonical, "0000002b7e91", Iterations, c =>
        {
            var options = c.Small ? Small : SocketIOCodecOptions.Default;
            var full = SocketIOPacketParser.ParseValidating(c.Packet, options, out _, out _);
            var taken = Compare(c.Packet, options);
            if (full == SocketIOProtocolError.None && c.Packet.Length <= 48)
            {
                // Valid and short: nothing about a canonical packet may send it to the slow path.
                taken.ShouldBeTrue("a valid canonical packet must take the fast path");
            }

            fast += taken ? 1 : 0;
            refused += full == SocketIOProtocolError.None ? 0 : 1;
        }, Print);

        // Both sides of the property were exercised: most packets took the fast path, and some were errors left to the full parser.
        fast.ShouldBeGreaterThan(Iterations / 2);
        refused.ShouldBeGreaterThan(Iterations / 50);
    }

    [Fact]
    public void Near_canonical_mutants_are_accepted_only_as_the_full_parser_accepts_them()
    {
        var fast = 0;
        var declined = 0;
        Property.ForAll(Mutant, "00000019c4d2", Iterations * 2, c =>
        {
            var taken = Compare(c.Packet, c.Small ? Small : SocketIOCodecOptions.Default);
            fast += taken ? 1 : 0;
            declined += taken ? 0 : 1;
        }, Print);

        fast.ShouldBeGreaterThan(Iterations / 20);
        declined.ShouldBeGreaterThan(Iterations / 2);
    }

    [Theory]
    [InlineData("51-[\"updateStream\",{\"_placeholder\":true,\"num\":0}]")]
    [InlineData("52-[\"a\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]")]
    [InlineData("2[\"updateStream\",[[\"EURUSD_otc\",1735689600.123,1.08123]]]")]
    [InlineData("2[\"a\"]")]
    [InlineData("2[\"a\",1,\"x\",{\"k\":[true,null]}]")]
    public void The_forms_a_tick_arrives_in_take_the_fast_path(string packet) =>
        Compare(Encoding.UTF8.GetBytes(packet), SocketIOCodecOptions.Default).ShouldBeTrue();

    [Theory]
    [InlineData("51-/admin,[\"a\",{\"_placeholder\":true,\"num\":0}]")] // namespace
    [InlineData("51-7[\"a\",{\"_placeholder\":true,\"num\":0}]")] // ack id
    [InlineData("501-[\"a\",{\"_placeholder\":true,\"num\":0}]")] // leading zero
    [InlineData("51-[\"a\",{\"_placeholder\":true,\"num\":00}]")] // invalid JSON number
    [InlineData("51-[\"a\",{\"_placeholder\":true,\"num\":1}]")] // out of range: the full parser's error
    [InlineData("51-[\"a\",{\"num\":0,\"_placeholder\":true}]")] // keys in another order
    [InlineData("51-[\"a\", {\"_placeholder\":true,\"num\":0}]")] // whitespace
    [InlineData("2[\"\\u0061\",1]")] // escaped name
    [InlineData("2[\"caf\u00e9\",1]")] // non-ASCII name
    [InlineData("2[\"connect\",1]")] // reserved: the full parser's error
    [InlineData("2[\"a\",1] ")] // trailing whitespace
    [InlineData("2[\"a\",01]")] // invalid argument
    [InlineData("2[\"a\",1,]")] // trailing comma
    public void Anything_else_is_left_to_the_full_parser(string packet) =>
        Compare(Encoding.UTF8.GetBytes(packet), SocketIOCodecOptions.Default).ShouldBeFalse();

    [Theory]
    [InlineData(62)]
    [InlineData(63)] // the deepest the full parser takes: 63 levels inside the event's array
    [InlineData(64)]
    [InlineData(65)]
    public void An_argument_nested_to_the_depth_limit_is_taken_exactly_when_the_full_parser_takes_it(int depth)
    {
        var packet = Encoding.UTF8.GetBytes("2[\"a\"," + new string('[', depth) + new string(']', depth) + "]");
        var valid = SocketIOPacketParser.ParseValidating(packet, SocketIOCodecOptions.Default, out _, out _) == SocketIOProtocolError.None;
        valid.ShouldBe(depth <= 63);
        Compare(packet, SocketIOCodecOptions.Default).ShouldBe(valid);
    }

    // Returns whether the fast path took the packet, after checking it agrees with the full parser when it did.
    private static bool Compare(byte[] packet, SocketIOCodecOptions options)
    {
        var fastArguments = new SocketIOArgumentLayout();
        var fullArguments = new SocketIOArgumentLayout();
        if (!SocketIOCanonicalEvent.TryParse(packet, options, out var fast, fastArguments))
        {
            return false;
        }

        var error = SocketIOPacketParser.ParseValidating(packet, options, out var full, out var detail, fullArguments);
        error.ShouldBe(SocketIOProtocolError.None, $"the fast path accepted a packet the full parser refuses: {detail}");
        Describe(fast).ShouldBe(Describe(full));
        fastArguments.Slices.ToArray().ShouldBe(fullArguments.Slices.ToArray());

        // And the public path (fast path first) gives the same packet view.
        var decoded = SocketIOPacketDecoder.Decode(packet, options);
        decoded.EventName.ToArray().ShouldBe(new SocketIOPacket(packet, full).EventName.ToArray());
        return true;
    }

    private static string Describe(SocketIOPacketLayout l) =>
        $"type={l.Type} attachments={l.AttachmentCount} nsp={l.NamespaceStart}+{l.NamespaceLength} ack={l.AckId} payload={l.PayloadStart}+{l.PayloadLength} " +
        $"name={l.NameKind}/{l.NameEscaped}/{l.NameTokenStart}+{l.NameTokenLength} args={l.ArgumentsStart}+{l.ArgumentsLength}x{l.ArgumentCount}";

    private static string Print((byte[] Packet, bool Small) c) => ByteGen.Print(c.Packet) + (c.Small ? " (small limits)" : "");
}
