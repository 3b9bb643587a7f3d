using System.Buffers;

namespace Protocol;

// An IBufferWriter over ArrayPool arrays, for frames that live only until their send completes. Dispose returns the array.
// Rent/Return keep one writer per thread, so a typed send in steady state allocates no writer and no array.
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    // A writer that grew past this gives its array back on Return rather than keep a large array per thread.
    private const int KeptBytes = 64 * 1024;

    [ThreadStatic]
    private static PooledBufferWriter? t_cached;

    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity = 256) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public static PooledBufferWriter Rent()
    {
        var writer = t_cached;
        if (writer is null)
        {
            return new PooledBufferWriter();
        }

        t_cached = null;
        return writer;
    }

    // Gives the writer back once nothing reads its memory any more (the send completed).
    public static void Return(PooledBufferWriter writer)
    {
        writer._written = 0;
        if (writer._buffer.Length > KeptBytes)
        {
            writer.Dispose();
            return;
        }

        t_cached = writer;
    }

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
