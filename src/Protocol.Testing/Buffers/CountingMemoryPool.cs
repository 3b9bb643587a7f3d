using System.Buffers;

namespace Protocol.Testing.Buffers;

/// <summary>
/// A <see cref="MemoryPool{T}"/> that counts what is rented and not yet given back, for a test that proves a closed
/// connection left no block behind (<see cref="Outstanding"/> is 0 after <c>DisposeAsync</c>). Blocks are fresh arrays
/// of <see cref="MaxBufferSize"/> bytes; an owner disposed twice is a bug in the code under test, and is counted in
/// <see cref="DoubleReturns"/> rather than thrown where nobody would see it.
/// </summary>
public sealed class CountingMemoryPool : MemoryPool<byte>
{
    private readonly int _blockSize;
    private long _rented;
    private long _returned;
    private long _doubleReturns;

    /// <summary>Creates the pool.</summary>
    /// <param name="blockSize">The size of every block; 16 KiB by default.</param>
    public CountingMemoryPool(int blockSize = 16 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _blockSize = blockSize;
    }

    /// <inheritdoc />
    public override int MaxBufferSize => _blockSize;

    /// <summary>How many blocks were rented in all.</summary>
    public long Rented => Interlocked.Read(ref _rented);

    /// <summary>How many blocks are rented and not yet returned.</summary>
    public long Outstanding => Interlocked.Read(ref _rented) - Interlocked.Read(ref _returned);

    /// <summary>How many times an already returned block was returned again.</summary>
    public long DoubleReturns => Interlocked.Read(ref _doubleReturns);

    /// <inheritdoc />
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > _blockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minBufferSize), minBufferSize, $"This pool hands out blocks of {_blockSize} bytes; ask for at most MaxBufferSize.");
        }

        Interlocked.Increment(ref _rented);
        return new Block(this, new byte[_blockSize]);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // Nothing is retained: every block is a fresh array.
    }

    private sealed class Block(CountingMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private int _returned;

        public Memory<byte> Memory => array;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) != 0)
            {
                Interlocked.Increment(ref pool._doubleReturns);
                return;
            }

            Interlocked.Increment(ref pool._returned);
        }
    }
}
