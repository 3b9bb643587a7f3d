using System.Buffers;

namespace Protocol;

/// <summary>
/// The default <see cref="MemoryPool{T}"/> of one receive pipe: fixed 16 KiB blocks, reused, so steady-state receiving
/// allocates nothing (<see cref="MemoryPool{T}.Shared"/> allocates an owner object per rent). At most
/// <see cref="RetainedBlocks"/> blocks are kept between messages; the blocks a big message needed beyond that go to the
/// GC, so one 16 MiB message does not pin 16 MiB for the connection's life. Blocks are plain arrays, never taken from
/// <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
internal sealed class ReceiveBlockPool : MemoryPool<byte>
{
    public const int BlockSize = 16 * 1024;
    public const int RetainedBlocks = 16;

    private readonly Stack<Block> _free = new(RetainedBlocks);
    private readonly Lock _gate = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        lock (_gate)
        {
            if (_free.TryPop(out var block))
            {
                return block;
            }
        }

        return new Block(this);
    }

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _free.Clear();
        }
    }

    private void Return(Block block)
    {
        lock (_gate)
        {
            if (_free.Count < RetainedBlocks)
            {
                _free.Push(block);
            }
        }
    }

    private sealed class Block(ReceiveBlockPool pool) : IMemoryOwner<byte>
    {
        private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(BlockSize);

        public Memory<byte> Memory => _array;

        public void Dispose() => pool.Return(this);
    }
}
