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
