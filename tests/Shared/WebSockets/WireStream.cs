namespace Protocol.Tests.WebSockets;

/// <summary>
/// A read-only stream over fixed bytes: played once, or repeated forever (a steady stream of the same messages for an
/// allocation test). Reads complete synchronously; writes (a close answer) are accepted and dropped.
/// </summary>
internal sealed class WireStream(byte[] bytes, bool repeat = false) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException("A wire has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("A wire has no position.");
        set => throw new NotSupportedException("A wire has no position.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position == bytes.Length)
        {
            if (!repeat)
            {
                return 0;
            }

            _position = 0;
        }

        var n = Math.Min(buffer.Length, bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Write(byte[] buffer, int offset, int count)
    {
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A wire cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A wire has no length.");
}
