using Protocol.Core.Tests.Connections;
using Protocol.Testing.Buffers;

namespace Protocol.Core.Tests.Messaging;

// A rule module's copy of a big message must not park a big buffer in ArrayPool<byte>.Shared after it is released.
[Collection(BufferAccountingCollection.Name)]
public sealed class MessageLeaseBufferTests
{
    [Fact]
    public void A_leased_copy_of_a_4_MiB_message_leaves_no_large_buffer_in_the_shared_pool()
    {
        var payload = new byte[4 * 1024 * 1024];
        payload.AsSpan().Fill((byte)' ');
        payload[0] = (byte)'"';
        payload[^1] = (byte)'"';
        var pool = new MessageLeasePool();
        using var watch = new SharedArrayPoolWatch();

        var lease = pool.Rent(new MessageView(MessageKind.Action, payload, "big"u8, payload), 0);
        lease.View.Payload.Length.ShouldBe(payload.Length);
        lease.Release();

        watch.LargeReturns.ShouldBe(0);
    }

    [Fact]
    public void A_small_message_still_reuses_its_pooled_buffer()
    {
        var pool = new MessageLeasePool();
        var frame = """{"action":"tick","value":1}"""u8.ToArray();
        var first = pool.Rent(new MessageView(MessageKind.Action, frame, "tick"u8, frame), 0);
        first.Release();
        var second = pool.Rent(new MessageView(MessageKind.Action, frame, "tick"u8, frame), 0);
        second.ShouldBeSameAs(first);
        second.View.Payload.SequenceEqual(frame).ShouldBeTrue();
        second.Release();
    }
}
