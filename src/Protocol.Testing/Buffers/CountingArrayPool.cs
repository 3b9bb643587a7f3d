using System.Buffers;
using System.Collections.Concurrent;

namespace Protocol.Testing.Buffers;

/// <summary>
/// An <see cref="ArrayPool{T}"/> that counts rentals and returns, for a test that proves a closed connection gave every
/// buffer back (<see cref="Outstanding"/> is 0 after <c>DisposeAsync</c>). Arrays are fresh and of the exact length
/// asked for; an array returned twice, or one this pool never handed out, is counted in <see cref="BadReturns"/>.
/// </summary>
public sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly ConcurrentDictionary<byte[], byte> _out = new(ReferenceEqualityComparer.Instance);
    private long _rented;
    private long _badReturns;
    private long _largestRented;

    /// <summary>How many arrays were rented in all.</summary>
    public long Rented => Interlocked.Read(ref _rented);

    /// <summary>How many arrays are rented and not yet returned.</summary>
    public int Outstanding => _out.Count;

    /// <summary>How many returns were of an array not currently rented from this pool.</summary>
    public long BadReturns => Interlocked.Read(ref _badReturns);

    /// <summary>The largest array rented so far, in bytes.</summary>
    public long LargestRented => Interlocked.Read(ref _largestRented);

    /// <inheritdoc />
    public override byte[] Rent(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        var array = new byte[minimumLength];
        _out[array] = 0;
        Interlocked.Increment(ref _rented);
        long largest;
        while (minimumLength > (largest = Interlocked.Read(ref _largestRented)) && Interlocked.CompareExchange(ref _largestRented, minimumLength, largest) != largest)
        {
        }

        return array;
    }

    /// <inheritdoc />
    public override void Return(byte[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (!_out.TryRemove(array, out _))
        {
            Interlocked.Increment(ref _badReturns);
        }
    }
}
