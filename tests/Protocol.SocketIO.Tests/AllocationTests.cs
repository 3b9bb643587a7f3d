using static Protocol.SocketIO.Tests.Support.JsonAssert;

namespace Protocol.SocketIO.Tests;

/// <summary>Steady-state allocation budget: 0 bytes per message, measured on this thread over 100,000 messages.</summary>
public class AllocationTests
{
    private const int Messages = 100_000;

    private static readonly byte[] TextEvent = Utf8("2/admin,17[\"quote\",{\"s\":\"EURUSD\",\"p\":1.0825,\"t\":1700000000},\"x\",[1,2]]");
    private static readonly byte[] EscapedEvent = Utf8("2[\"caf\\u00e9\",1]");

    private static long DecodeTextEvents(int count)
    {
        long sink = 0;
        for (int i = 0; i < count; i++)
        {
            SocketIOPacket packet = SocketIOPacketDecoder.Decode(TextEvent);
            if (packet.EventNameEquals("quote"u8))
            {
                sink += packet.EventName.Length + packet.ArgumentsJson.Length + packet.Namespace.Length + packet.AckId!.Value;
            }

            foreach (ReadOnlySpan<byte> arg in packet.Arguments)
            {
                sink += arg.Length;
            }

            SocketIOPacket escaped = SocketIOPacketDecoder.Decode(EscapedEvent);
            sink += escaped.EventNameEquals("café"u8) ? 1 : 0;
        }

        return sink;
    }

    private static readonly byte[] BinaryHeader = Utf8("51-[\"bin\",{\"_placeholder\":true,\"num\":0},\"tail\"]");
    private static readonly byte[] Attachment = [1, 2, 3, 4];

    private static long ReassembleBinaryEvents(SocketIOMessageAssembler assembler, int count)
    {
        long sink = 0;
        for (int i = 0; i < count; i++)
        {
            assembler.ReceiveText(BinaryHeader, out _);
            if (assembler.ReceiveBinary(Attachment, out SocketIOMessage message) && message.EventNameEquals("bin"u8))
            {
                sink += message.GetAttachment(0)[3] + message.GetAttachmentMemory(0).Length + message.Arguments.Count;
            }
        }

        return sink;
    }

    [Fact]
    public void Reassembling_a_one_attachment_binary_event_allocates_nothing_in_steady_state()
    {
        using var assembler = new SocketIOMessageAssembler();
        ReassembleBinaryEvents(assembler, 1_000).ShouldBeGreaterThan(0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long sink = ReassembleBinaryEvents(assembler, Messages);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        sink.ShouldBe(Messages * 10L); // 4 (byte 3) + 4 (length) + 2 (arguments)
        allocated.ShouldBe(0);
    }

    private sealed record Quote(string Symbol, double Price, long Time);

    private static long EncodeEvents(SocketIOPacketEncoder encoder, System.Buffers.ArrayBufferWriter<byte> output, Quote quote, int count)
    {
        long sink = 0;
        for (int i = 0; i < count; i++)
        {
            output.ResetWrittenCount();
            encoder.WriteEvent(output, "/admin"u8, "quote"u8, i, quote, static (w, q) =>
            {
                w.WriteStartObject();
                w.WriteString("s"u8, q.Symbol);
                w.WriteNumber("p"u8, q.Price);
                w.WriteNumber("t"u8, q.Time);
                w.WriteEndObject();
            });
            sink += output.WrittenCount;

            output.ResetWrittenCount();
            encoder.WriteEvent(output, default, "tick"u8, null, "1,\"xxxxxxxxxxxxxxxx\""u8);
            encoder.WriteBinaryEvent(output, default, "upload"u8, 7, 1, SocketIOPlaceholder.Zero);
            sink += output.WrittenCount;
        }

        return sink;
    }

    [Fact]
    public void Encoding_events_allocates_nothing_in_steady_state()
    {
        var encoder = new SocketIOPacketEncoder();
        var output = new System.Buffers.ArrayBufferWriter<byte>(1024);
        var quote = new Quote("EURUSD", 1.0825, 1_700_000_000);
        EncodeEvents(encoder, output, quote, 1_000).ShouldBeGreaterThan(0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long sink = EncodeEvents(encoder, output, quote, Messages);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        sink.ShouldBeGreaterThan(Messages * 50L);
        allocated.ShouldBe(0);
    }

    [Fact]
    public void Decoding_a_text_event_allocates_nothing()
    {
        DecodeTextEvents(1_000).ShouldBeGreaterThan(0); // warm up (JIT, tiering)

        long before = GC.GetAllocatedBytesForCurrentThread();
        long sink = DecodeTextEvents(Messages);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        sink.ShouldBeGreaterThan(0);
        allocated.ShouldBe(0);
    }
}
