namespace Protocol.Tests.WebSockets;

/// <summary>A stream whose reads never complete until it is disposed (a silent peer); then they fail, as a socket's do.</summary>
internal sealed class StallingStream : Stream
{
    private readonly TaskCompletionSource<int> _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException("A wire has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("A wire has no position.");
        set => throw new NotSupportedException("A wire has no position.");
    }

    public override int Read(byte[] buffer, int offset, int count) => _never.Task.GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(_never.Task.WaitAsync(cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _never.Task.WaitAsync(cancellationToken);

    public override void Write(byte[] buffer, int offset, int count)
    {
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A wire cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A wire has no length.");

    protected override void Dispose(bool disposing)
    {
        _never.TrySetException(new ObjectDisposedException(nameof(StallingStream)));
        base.Dispose(disposing);
    }
}
