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
