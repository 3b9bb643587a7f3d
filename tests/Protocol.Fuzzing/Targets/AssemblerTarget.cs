using Protocol.SocketIO;

namespace Protocol.Fuzzing.Targets;

/// <summary>
/// The per-connection <see cref="SocketIOMessageAssembler"/> fed a frame sequence carved from the input.
/// Format (see corpus/README.md): byte 0 picks the limits (bits 0-3: MaxAttachments - 1; bit 4: MaxPayloadBytes 64
/// instead of the default); then records, each a header byte h: h &amp; 3 = 0 text frame, 1 binary frame, 2 Reset(),
/// 3 Dispose() and a new assembler; frames carry a length byte (two bytes, big-endian, when h &amp; 4) and that many
/// bytes (fewer at the end of the input).
/// Documented rejection: <see cref="SocketIOProtocolException"/>, after which no half-built message is pending.
/// </summary>
internal sealed class AssemblerTarget : IFuzzTarget
{
    public string Name => "assembler";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var options = new SocketIOCodecOptions
        {
            MaxAttachments = (input[0] & 0x0F) + 1,
            MaxPayloadBytes = (input[0] & 0x10) != 0 ? 64 : SocketIOCodecOptions.DefaultMaxPayloadBytes,
        };
        var assembler = new SocketIOMessageAssembler(options);
        try
        {
            int i = 1;
            while (i < input.Length)
            {
                byte h = input[i++];
                switch (h & 3)
                {
                    case 2:
                        assembler.Reset();
                        Invariant.That(!assembler.IsAwaitingAttachments && assembler.PendingAttachmentCount == 0, "Reset left a message pending");
                        continue;
                    case 3:
                        assembler.Dispose();
                        assembler = new SocketIOMessageAssembler(options);
                        continue;
                }

                int length = 0;
                if (i < input.Length)
                {
                    length = input[i++];
                }

                if ((h & 4) != 0 && i < input.Length)
                {
                    length = (length << 8) | input[i++];
                }

                ReadOnlySpan<byte> frame = input.Slice(i, Math.Min(length, input.Length - i));
                i += frame.Length;
                Feed(assembler, frame, binary: (h & 3) == 1);
            }
        }
        finally
        {
            assembler.Dispose();
        }
    }

    private static void Feed(SocketIOMessageAssembler assembler, ReadOnlySpan<byte> frame, bool binary)
    {
        int pendingBefore = assembler.PendingAttachmentCount;
        Invariant.That(pendingBefore >= 0 && assembler.IsAwaitingAttachments == (pendingBefore > 0), "PendingAttachmentCount disagrees with IsAwaitingAttachments");
        bool complete;
        SocketIOMessage message;
        try
        {
            complete = binary ? assembler.ReceiveBinary(frame, out message) : assembler.ReceiveText(frame, out message);
        }
        catch (SocketIOProtocolException)
        {
            Invariant.That(!assembler.IsAwaitingAttachments, "a protocol error left a half-built message pending");
            return;
        }

        if (!complete)
        {
            int pending = assembler.PendingAttachmentCount;
            Invariant.That(binary ? pending == pendingBefore - 1 : pending > 0 && pending <= assembler.Options.MaxAttachments,
                "an incomplete receive left the wrong number of attachments pending");
            return;
        }

        Invariant.That(!assembler.IsAwaitingAttachments, "a complete message left attachments pending");
        Invariant.That(!binary || pendingBefore == 1, "a binary frame completed a message that still waited for more");
        Invariant.That(message.IsReassembled == binary && message.AttachmentCount == (binary ? message.Packet.AttachmentCount : 0),
            "IsReassembled/AttachmentCount disagree with how the message arrived");
        Invariant.That(message.Type == message.Packet.Type && message.Payload.SequenceEqual(message.Packet.Payload)
            && message.Namespace.SequenceEqual(message.Packet.Namespace) && message.AckId == message.Packet.AckId
            && message.EventName.SequenceEqual(message.Packet.EventName), "SocketIOMessage disagrees with its packet");

        int count = message.AttachmentCount;
        var attachments = new ReadOnlyMemory<byte>[count];
        for (int a = 0; a < count; a++)
        {
            attachments[a] = message.GetAttachmentMemory(a);
            Invariant.That(message.GetAttachment(a).SequenceEqual(attachments[a].Span), "GetAttachment differs from GetAttachmentMemory");
        }

        Invariant.That(!binary || attachments[^1].Span.SequenceEqual(frame), "the last attachment is not the last binary frame");
        AttachmentMustThrow(message, count);
        AttachmentMustThrow(message, -1);
        _ = message.EventNameEquals("a"u8);
        PacketProbe.Probe(message.Packet, message.Packet.RawBytes, attachments);
    }

    private static void AttachmentMustThrow(SocketIOMessage message, int num)
    {
        try
        {
            _ = message.GetAttachment(num);
        }
        catch (ArgumentOutOfRangeException)
        {
            return;
        }

        throw new InvariantViolationException($"GetAttachment({num}) with {message.AttachmentCount} attachments did not throw ArgumentOutOfRangeException");
    }
}
