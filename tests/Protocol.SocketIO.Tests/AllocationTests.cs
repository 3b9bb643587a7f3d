using Protocol.Testing;
using Protocol.Tests.Allocations;
using static Protocol.SocketIO.Tests.Support.JsonAssert;

namespace Protocol.SocketIO.Tests;

/// <summary>
/// Steady-state allocation budget: 0 bytes per message, measured in AllocationRounds (the least of several rounds of
/// 20,000 messages, on a thread of their own).
/// </summary>
public class AllocationTests
{
    private const int Messages = 20_000;
    private const int Rounds = 5;

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
    public async Task Reassembling_a_one_attachment_binary_event_allocates_nothing_in_steady_state()
    {
        using var assembler = new SocketIOMessageAssembler();
        long sink = 0;

        var rounds = await AllocationRounds.MeasureAsync(() => sink = ReassembleBinaryEvents(assembler, Messages), Rounds).WithSafetyNet(AllocationRounds.Limit);

        sink.ShouldBe(Messages * 10L); // 4 (byte 3) + 4 (length) + 2 (arguments)
        rounds.Min().ShouldBe(0, $"reassembling allocated in every round of {Messages} messages (bytes per round: {AllocationRounds.Describe(rounds)})");
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
    public async Task Encoding_events_allocates_nothing_in_steady_state()
    {
        var encoder = new SocketIOPacketEncoder();
        var output = new System.Buffers.ArrayBufferWriter<byte>(1024);
        var quote = new Quote("EURUSD", 1.0825, 1_700_000_000);
        long sink = 0;

        var rounds = await AllocationRounds.MeasureAsync(() => sink = EncodeEvents(encoder, output, quote, Messages), Rounds).WithSafetyNet(AllocationRounds.Limit);

        sink.ShouldBeGreaterThan(Messages * 50L);
        rounds.Min().ShouldBe(0, $"encoding allocated in every round of {Messages} messages (bytes per round: {AllocationRounds.Describe(rounds)})");
    }

    [Fact]
    public async Task Decoding_a_text_event_allocates_nothing()
    {
        long sink = 0;

        var rounds = await AllocationRounds.MeasureAsync(() => sink = DecodeTextEvents(Messages), Rounds).WithSafetyNet(AllocationRounds.Limit);

        sink.ShouldBeGreaterThan(0);
        rounds.Min().ShouldBe(0, $"decoding allocated in every round of {Messages} messages (bytes per round: {AllocationRounds.Describe(rounds)})");
    }
}
