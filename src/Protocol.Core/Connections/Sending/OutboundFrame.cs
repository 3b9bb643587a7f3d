using System.Buffers;
using System.Threading.Tasks.Sources;

namespace Protocol;

// One unit for the send queue: a frame and the binary attachments that must follow it with nothing in between. Pooled
// per queue and awaited as an IValueTaskSource, so a send allocates neither a TaskCompletionSource nor a frame copy's
// array. The text is either written into the frame's own pooled buffer (IBufferWriter) or borrowed from the caller for
// a write-through send (the IConnection contract keeps it unchanged meanwhile); a frame that has to be queued copies
// borrowed text into its own buffer first.
internal sealed class OutboundFrame : IValueTaskSource, IBufferWriter<byte>
{
    private const int Queued = 0;
    private const int Sending = 1;
    private const int Finished = 2;

    // A larger buffer goes back to the ArrayPool when the frame is recycled, so the pool does not pin big arrays.
    private const int KeptBufferBytes = 16 * 1024;

    private readonly FrameSendQueue? _queue;
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _cancellation;
    private byte[] _buffer = [];
    private int _written;
    private ReadOnlyMemory<byte> _borrowed;
    private bool _owned;
    private int _state;
    private int _references;
    private int _reserved;

    internal OutboundFrame(FrameSendQueue? queue) => _queue = queue;

    public ReadOnlyMemory<byte> Content => _owned ? _buffer.AsMemory(0, _written) : _borrowed;

    public bool IsText { get; private set; }

    public ReadOnlyMemory<ReadOnlyMemory<byte>> Attachments { get; private set; }

    public SendOperation Operation { get; set; }

    // Gives up the frame's room exactly once, whoever gets there first (the writer, the drain, a cancellation).
    public bool TryTakeReservation() => Interlocked.Exchange(ref _reserved, 0) != 0;

    // Whether the frame holds room in the queue's bound (sends do; pongs and close-time frames do not).
    public bool Reserved
    {
        get => Volatile.Read(ref _reserved) != 0;
        set => Volatile.Write(ref _reserved, value ? 1 : 0);
    }

    // Shared, never recycled, never awaited: the pong the read loop queues on every ping.
    public bool IsConstant => _queue is null;

    public short Version => _core.Version;

    public int Length
    {
        get
        {
            var length = Content.Length;
            foreach (var attachment in Attachments.Span)
            {
                length += attachment.Length;
            }

            return length;
        }
    }

    public static OutboundFrame Constant(ReadOnlySpan<byte> text, SendOperation operation = default)
    {
        var frame = new OutboundFrame(null) { IsText = true, Operation = operation };
        frame.Write(text);
        return frame;
    }

    // Starts a frame whose text is written into its own buffer (IBufferWriter) or copied with Write.
    public void BeginOwned(bool isText, ReadOnlyMemory<ReadOnlyMemory<byte>> attachments, SendOperation operation)
    {
        _owned = true;
        _written = 0;
        IsText = isText;
        Attachments = attachments;
        Operation = operation;
    }

    // Starts a frame over the caller's memory, which must stay unchanged until the send completes.
    public void BeginBorrowed(ReadOnlyMemory<byte> content, bool isText, ReadOnlyMemory<ReadOnlyMemory<byte>> attachments, SendOperation operation)
    {
        _owned = false;
        _borrowed = content;
        IsText = isText;
        Attachments = attachments;
        Operation = operation;
    }

    // Copies borrowed content into the frame's own buffer: a queued frame must not depend on the caller's memory, which
    // a caller that stopped waiting (a send timeout) may already reuse.
    public void TakeOwnership()
    {
        if (!_owned)
        {
            var content = _borrowed;
            _borrowed = default;
            _written = 0;
            Write(content.Span);
        }
    }

    public void Write(ReadOnlySpan<byte> text)
    {
        _owned = true;
        text.CopyTo(GetSpan(text.Length));
        Advance(text.Length);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the frame's buffer.");
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

    // The queue takes the frame: it completes through this source, which the caller and the queue both hold.
    public void PrepareQueued(CancellationToken cancellationToken)
    {
        _state = Queued;
        _references = 2;
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (s, ct) => ((OutboundFrame)s!).TryCancel(ct), this);
        }
    }

    // A frame nobody awaits (close-time leaves): only the queue holds it.
    public void PrepareUnawaited()
    {
        _state = Queued;
        _references = 1;
    }

    // The writer claims the frame; false when it was cancelled first (then it is skipped whole).
    public bool TryStart() => IsConstant || Interlocked.CompareExchange(ref _state, Sending, Queued) == Queued;

    public void Succeed()
    {
        if (!IsConstant && Interlocked.Exchange(ref _state, Finished) != Finished)
        {
            _cancellation.Dispose();
            _core.SetResult(true);
        }
    }

    public void Fail(Exception error)
    {
        if (!IsConstant && Interlocked.Exchange(ref _state, Finished) != Finished)
        {
            _cancellation.Dispose();
            _core.SetException(error);
        }
    }

    // The queue is done with the frame (written, skipped or failed).
    public void ReleaseQueueReference() => Release();

    // Recycles a frame that was never handed to anyone (written inline, or refused before queueing).
    public void Recycle()
    {
        if (!IsConstant)
        {
            _references = 0;
            _queue!.Return(this);
        }
    }

    // Back in the pool: drop references to the caller's memory and give a large buffer back.
    internal void Clear()
    {
        _borrowed = default;
        Attachments = default;
        Operation = default;
        Reserved = false;
        _written = 0;
        _cancellation = default;
        _core.Reset();
        if (_buffer.Length > KeptBufferBytes)
        {
            ReturnBuffer();
        }
    }

    internal void ReturnBuffer()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            Release();
        }
    }

    private void TryCancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Finished, Queued) == Queued)
        {
            // A cancelled frame is never written: its room goes back now, not when the writer reaches it.
            _queue!.ReleaseRoom(this);
            _core.SetException(new OperationCanceledException(cancellationToken));
        }
    }

    private void Release()
    {
        if (!IsConstant && Interlocked.Decrement(ref _references) == 0)
        {
            _queue!.Return(this);
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(256, _buffer.Length * 2)));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ReturnBuffer();
        _buffer = larger;
    }
}
