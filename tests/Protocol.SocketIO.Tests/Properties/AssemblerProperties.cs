using System.Text;
using CsCheck;
using Protocol.Tests.Properties;

namespace Protocol.SocketIO.Tests.Properties;

/// <summary>
/// The message assembler over arbitrary frame sequences (binary headers announcing attachments, binary frames, plain
/// and malformed text, resets, frames over the limit), checked step by step against a small model: it completes exactly
/// the messages the model completes, with the attachments fed, and refuses everything else with the documented
/// <see cref="SocketIOProtocolException"/>, never another exception type.
/// </summary>
public sealed class AssemblerProperties
{
    private const int Iterations = 10_000;

    // Small limits, so sequences also cross them: a header with 3 placeholders fits 128 bytes, 4 attachments do not.
    private static readonly SocketIOCodecOptions Limits = new() { MaxPayloadBytes = 128, MaxAttachments = 3 };

    private static readonly byte[][] Corpus =
    [
        .. new[]
        {
            "51-[\"a\",{\"_placeholder\":true,\"num\":0}]", "62-/x,7[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]",
            "2[\"a\",1]", "3[]", "0", "1", "4\"no\"", "51-[\"x\\ud800\",{\"_placeholder\":true,\"num\":0}]", "61-[{\"\\udc00\":1}]",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    private static Gen<byte[]> BinaryHeader =>
        from attachments in Gen.Int[1, 4]
        from binaryAck in Gen.Bool
        from id in Gen.Int[0, 99]
        select Encoding.UTF8.GetBytes(
            (binaryAck ? $"6{attachments}-{id}[" : $"5{attachments}-[\"ev\",")
            + string.Join(",", Enumerable.Range(0, attachments).Select(num => $"{{\"_placeholder\":true,\"num\":{num}}}")) + "]");

    private static readonly Gen<Frame> AnyFrame = Gen.Frequency(
        (3, BinaryHeader.Select(Frame.Text)),
        (2, ByteGen.Mutated(Corpus).Select(Frame.Text)),
        (1, ByteGen.Arbitrary.Select(Frame.Text)),
        (5, Gen.Byte.Array[0, 16].Select(Frame.Binary)),
        (1, Gen.Byte.Array[120, 140].Select(Frame.Binary)),
        (1, Gen.Const(new Frame(FrameOp.Reset, []))));

    [Fact]
    public void Frame_sequences_reassemble_like_the_model_or_are_refused_with_a_protocol_exception() =>
        Property.ForAll(AnyFrame.Array[1, 24], "000000aq3kpn", Iterations, Run, frames => string.Join(" ", frames.Select(f => f.ToString())));

    private static void Run(Frame[] frames)
    {
        using var assembler = new SocketIOMessageAssembler(Limits);
        byte[]? header = null;      // the model: the pending header's bytes,
        var received = new List<byte[]>(); // the attachments received for it,
        var expected = 0;                   // and how many it announced
        foreach (var frame in frames)
        {
            switch (frame.Op)
            {
                case FrameOp.Reset:
                    assembler.Reset();
                    header = null;
                    break;
                case FrameOp.Text when header is not null:
                    Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveText(frame.Bytes, out _)).Error.ShouldBe(SocketIOProtocolError.UnexpectedText);
                    header = null;
                    break;
                case FrameOp.Text:
                    if (!SocketIOPacketDecoder.TryDecode(frame.Bytes, out var oracle, out var error, Limits))
                    {
                        Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveText(frame.Bytes, out _)).Error.ShouldBe(error);
                    }
                    else if (oracle.AttachmentCount == 0)
                    {
                        assembler.ReceiveText(frame.Bytes, out var message).ShouldBeTrue();
                        message.IsReassembled.ShouldBeFalse();
                        message.Packet.RawBytes.SequenceEqual(frame.Bytes).ShouldBeTrue();
                    }
                    else
                    {
                        var buffer = (byte[])frame.Bytes.Clone();
                        assembler.ReceiveText(buffer, out _).ShouldBeFalse();
                        Array.Fill(buffer, (byte)'x'); // the caller's buffer is reused by the next receive: the assembler copied it
                        header = frame.Bytes;
                        expected = oracle.AttachmentCount;
                        received.Clear();
                    }

                    break;
                case FrameOp.Binary when header is null:
                    Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveBinary(frame.Bytes, out _)).Error.ShouldBe(SocketIOProtocolError.UnexpectedBinary);
                    break;
                case FrameOp.Binary when frame.Bytes.Length > Limits.MaxPayloadBytes:
                    Should.Throw<SocketIOProtocolException>(() => assembler.ReceiveBinary(frame.Bytes, out _)).Error.ShouldBe(SocketIOProtocolError.PayloadTooLarge);
                    header = null;
                    break;
                default:
                    received.Add(frame.Bytes);
                    if (!assembler.ReceiveBinary(frame.Bytes, out var assembled))
                    {
                        received.Count.ShouldBeLessThan(expected);
                        break;
                    }

                    received.Count.ShouldBe(expected);
                    assembled.IsReassembled.ShouldBeTrue();
                    assembled.Packet.RawBytes.SequenceEqual(header!).ShouldBeTrue();
                    assembled.AttachmentCount.ShouldBe(expected);
                    for (var i = 0; i < expected; i++)
                    {
                        assembled.GetAttachment(i).SequenceEqual(received[i]).ShouldBeTrue();
                    }

                    foreach (var argument in assembled.Arguments)
                    {
                        if (SocketIOPlaceholder.TryParse(argument, out var num))
                        {
                            assembled.GetAttachment(num).SequenceEqual(received[num]).ShouldBeTrue();
                        }
                    }

                    var outOfRange = false;
                    try
                    {
                        assembled.GetAttachmentMemory(expected);
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        outOfRange = true; // the documented answer for a number past the last attachment
                    }

                    outOfRange.ShouldBeTrue();
                    header = null;
                    break;
            }

            assembler.IsAwaitingAttachments.ShouldBe(header is not null);
            assembler.PendingAttachmentCount.ShouldBe(header is null ? 0 : expected - received.Count);
        }
    }

    // A stream's header repeated, one of the same length with other bytes, one with another argument, other kinds of
    // packet and a cut-off header, so a long-lived assembler meets each again after every other.
    private static readonly byte[][] StreamFrames =
    [
        .. new[]
        {
            "451-[\"updateStream\",{\"_placeholder\":true,\"num\":0}]", "451-[\"updateStreaM\",{\"_placeholder\":true,\"num\":0}]",
            "451-[\"updateStream\",{\"_placeholder\":true,\"num\":0},1]", "452-[\"pair\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]",
            "461-/x,7[{\"_placeholder\":true,\"num\":0}]", "42[\"tick\",[1,2]]", "451-[\"updateStream\",{\"_placeholder\":true,\"num\":0}",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    private static readonly Gen<StreamStep> AnyStreamStep = Gen.Frequency(
        (6, from frame in Gen.Int[0, StreamFrames.Length - 1]
            from packetStart in Gen.Frequency((6, Gen.Const(1)), (1, Gen.Const(0)))
            select new StreamStep(FrameOp.Text, StreamFrames[frame], packetStart)),
        (6, Gen.Byte.Array[0, 6].Select(bytes => new StreamStep(FrameOp.Binary, bytes, 0))),
        (1, Gen.Const(new StreamStep(FrameOp.Reset, [], 0))));

    [Fact]
    public void A_long_lived_assembler_reads_every_frame_as_a_fresh_one_does() =>
        Property.ForAll(AnyStreamStep.Array[1, 40], "000000bk7vqs", Iterations, RunAgainstFresh, steps => string.Join(" ", steps.Select(s => s.ToString())));

    // Differential: one assembler lives across the whole sequence (as a connection's does, so it meets its last header again),
    // the other is new at every text frame that starts a message; both must give the same outcome, and the same message, for every frame.
    private static void RunAgainstFresh(StreamStep[] steps)
    {
        using var assembler = new SocketIOMessageAssembler(Limits);
        var mapper = new SocketIOViewMapper();
        var freshMapper = new SocketIOViewMapper();
        var fresh = new SocketIOMessageAssembler(Limits);
        try
        {
            foreach (var step in steps)
            {
                if (step.Op == FrameOp.Reset)
                {
                    assembler.Reset();
                    fresh.Reset();
                    continue;
                }

                // A text frame while attachments are awaited is refused by both; any other starts the fresh one anew.
                if (step.Op == FrameOp.Text && !fresh.IsAwaitingAttachments)
                {
                    fresh.Dispose();
                    fresh = new SocketIOMessageAssembler(Limits);
                }

                var buffer = (byte[])step.Bytes.Clone();
                var expected = Outcome(fresh, freshMapper, step, step.Bytes);
                var actual = Outcome(assembler, mapper, step, buffer);
                actual.ShouldBe(expected);
                Array.Fill(buffer, (byte)'x'); // the caller's buffer is reused by the next receive
            }
        }
        finally
        {
            fresh.Dispose();
        }
    }

    // What a frame made of the assembler: an error, a wait for attachments, or the message (read through its packet and
    // through the mapped view, whose argument slices come from the layout the parser recorded).
    private static string Outcome(SocketIOMessageAssembler assembler, SocketIOViewMapper mapper, StreamStep step, byte[] bytes)
    {
        SocketIOMessage message;
        try
        {
            var complete = step.Op == FrameOp.Text ? assembler.ReceiveFrame(bytes, step.PacketStart, out message) : assembler.ReceiveBinary(bytes, out message);
            if (!complete)
            {
                return $"waiting for {assembler.PendingAttachmentCount}";
            }
        }
        catch (SocketIOProtocolException error)
        {
            return $"refused: {error.Error}";
        }

        var text = new StringBuilder($"{message.Type} ns={Print(message.Namespace)} ack={message.AckId} name={Print(message.EventName)} header={Print(message.HeaderFrame)}");
        foreach (var argument in message.Arguments)
        {
            text.Append(" arg=").Append(Print(argument));
        }

        foreach (var attachment in message.Attachments)
        {
            text.Append(" attachment=").Append(Convert.ToHexString(attachment.Span));
        }

        if (SocketIOViewMapper.IsMessage(message.Type))
        {
            var view = mapper.Map(message, bytes);
            text.Append($" view {view.Kind} {Print(view.Name)} {Print(view.Scope)} {view.CorrelationId}");
            for (var i = 0; i < view.ArgumentCount; i++)
            {
                text.Append(view.TryGetArgumentAttachment(i, out var attached) ? " attached=" + Convert.ToHexString(attached)
                    : view.TryGetArgument(i, out var json) ? " json=" + Print(json) : " none");
            }
        }

        return text.ToString();
    }

    private static string Print(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private sealed record StreamStep(FrameOp Op, byte[] Bytes, int PacketStart)
    {
        public override string ToString() => Op switch
        {
            FrameOp.Text => $"text@{PacketStart}:{ByteGen.Print(Bytes)}",
            FrameOp.Binary => $"binary:{Convert.ToHexString(Bytes)}",
            _ => "reset",
        };
    }

    private enum FrameOp
    {
        Text,
        Binary,
        Reset,
    }

    private sealed record Frame(FrameOp Op, byte[] Bytes)
    {
        public static Frame Text(byte[] bytes) => new(FrameOp.Text, bytes);

        public static Frame Binary(byte[] bytes) => new(FrameOp.Binary, bytes);

        public override string ToString() => Op switch
        {
            FrameOp.Text => "text:" + ByteGen.Print(Bytes),
            FrameOp.Binary => $"binary:{Convert.ToHexString(Bytes)}",
            _ => "reset",
        };
    }
}
