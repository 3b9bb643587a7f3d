using System.Buffers;
using Protocol.Testing.Buffers;

namespace Protocol.SocketIO.Tests.Connection;

/// <summary>The accounting the hostile-server tests rely on sees what it claims to see.</summary>
[Collection(BufferAccountingCollection.Name)]
public sealed class BufferAccountingTests
{
    [Fact]
    public void The_shared_pool_watch_sees_a_large_buffer_returned_to_the_shared_pool_and_ignores_small_ones()
    {
        using var watch = new SharedArrayPoolWatch();
        ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(4096));
        watch.LargeReturns.ShouldBe(0);

        ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(2 * 1024 * 1024));

        watch.LargeReturns.ShouldBe(1);
        watch.LargestReturned.ShouldBe(2 * 1024 * 1024);
    }

    [Fact]
    public void The_counting_pools_count_what_is_still_out_and_bad_returns()
    {
        var blocks = new CountingMemoryPool(1024);
        var block = blocks.Rent(100);
        block.Memory.Length.ShouldBe(1024);
        blocks.Outstanding.ShouldBe(1);
        block.Dispose();
        block.Dispose();
        blocks.Outstanding.ShouldBe(0);
        blocks.DoubleReturns.ShouldBe(1);

        var buffers = new CountingArrayPool();
        var array = buffers.Rent(3000);
        array.Length.ShouldBe(3000, "exact lengths, so a test sees the size the code asked for");
        buffers.Outstanding.ShouldBe(1);
        buffers.Return(array);
        buffers.Return(array);
        buffers.Outstanding.ShouldBe(0);
        buffers.BadReturns.ShouldBe(1);
        buffers.LargestRented.ShouldBe(3000);
    }
}
