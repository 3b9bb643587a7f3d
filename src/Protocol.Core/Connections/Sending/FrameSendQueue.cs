using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Protocol;

// A connection's one writer (StackExchange.Redis style). A WebSocket allows one outstanding send and a binary header
// must be followed by its attachments with nothing in between, so every frame goes through here:
// - write-through: when nothing is queued and nobody is writing, the sender writes its frame itself; a socket with room
//   completes that synchronously, so the send completes before it returns and allocates nothing;
// - otherwise the frame is queued (FIFO) and the pump writes it; the sender awaits the frame itself (IValueTaskSource).
// Sends are bounded: room is reserved before a frame is written or queued and given back when the writer is done with
// it; a full queue waits up to the timeout on the connection's clock, then fails typed with nothing sent. Frames that
// must never wait (pongs, pings, close-time leaves) bypass the bound. After a failed write nothing more is written.
internal sealed class FrameSendQueue
{
    private const int MaxPooledFrames = 64;

    private readonly Channel<OutboundFrame> _channel = Channel.CreateUnbounded<OutboundFrame>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly ConcurrentQueue<OutboundFrame> _pool = new();
    private readonly SemaphoreSlim _room;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly IFrameWriter _target;
    private readonly TimeProvider _time;
    private readonly CancellationToken _lifetime;
    private int _pooled;
    private int _queued;
    private volatile bool _completed;

    // Write-through only once the pump runs: before that the socket may not exist yet (a send while connecting), and
    // frames wait in the queue for the pump, in order.
    private volatile bool _running;
    private int _failed;

    public FrameSendQueue(int capacity, TimeSpan queueTimeout, TimeProvider time, IFrameWriter target, CancellationToken lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        QueueTimeout = queueTimeout;
        _room = new SemaphoreSlim(capacity, capacity);
        _time = time;
        _target = target;
        _lifetime = lifetime;
    }

    // The most bounded frames queued or on the wire.
    public int Capacity { get; }

    public TimeSpan QueueTimeout { get; }

    // A pooled frame to fill; give it to SendAsync, or Recycle it when the send is abandoned before that.
    public OutboundFrame Rent()
    {
        if (_pool.TryDequeue(out var frame))
        {
            Interlocked.Decrement(ref _pooled);
            return frame;
        }

        return new OutboundFrame(this);
    }

    // Sends one frame within the bound: written at once when the writer is free, else queued. The returned task
    // completes when every part was handed to the socket; the caller's token cancels it only while it is still queued.
    public ValueTask SendAsync(OutboundFrame frame, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            frame.Recycle();
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (_completed)
        {
            return Refuse(frame);
        }

        if (!_room.Wait(0))
        {
            return SendWhenRoomAsync(frame, cancellationToken);
        }

        frame.Reserved = true;
        return SendReserved(frame, cancellationToken);
    }

    // Queues a frame that must never wait for room (a pong, a ping, a close-time leave); false once completed.
    public bool TryEnqueue(OutboundFrame frame)
    {
        if (!frame.IsConstant)
        {
            frame.PrepareUnawaited();
        }

        Interlocked.Increment(ref _queued);
        if (_channel.Writer.TryWrite(frame))
        {
            return true;
        }

        Interlocked.Decrement(ref _queued);
        frame.Recycle();
        return false;
    }

    // Sends a frame past the bound (it never waits for room), written through when the writer is free, for a sender that
    // wants to know when it went out (the idle ping).
    public ValueTask SendUnboundedAsync(OutboundFrame frame)
    {
        if (_completed)
        {
            return Refuse(frame);
        }

        return SendReserved(frame, CancellationToken.None);
    }

    // No more frames; the pump writes what is queued and returns.
    public void Complete()
    {
        _completed = true;
        _channel.Writer.TryComplete();
    }

    // The pump: writes queued frames until Complete drains the queue, a write fails, or the lifetime ends.
    public async Task RunAsync()
    {
        var reader = _channel.Reader;
        _running = true;
        while (await reader.WaitToReadAsync(_lifetime).ConfigureAwait(false))
        {
            await _writer.WaitAsync(_lifetime).ConfigureAwait(false);
            try
            {
                while (reader.TryRead(out var frame))
                {
                    Interlocked.Decrement(ref _queued);
                    if (!await WriteQueuedAsync(frame).ConfigureAwait(false))
                    {
                        // Nothing goes out after a gap: what is still queued fails as closed.
                        FailPending(_target.Closed(SendOperation.Sending));
                        return;
                    }
                }
            }
            finally
            {
                _writer.Release();
            }
        }
    }

    // Completes when no writer (the pump or a write-through sender) is writing: after Complete, nothing else starts.
    public async Task WaitForWriterAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        _writer.Release();
    }

    // Fails everything still queued (after the pump stopped).
    public void FailPending(Exception error)
    {
        Complete();
        while (_channel.Reader.TryRead(out var frame))
        {
            Interlocked.Decrement(ref _queued);
            ReleaseRoom(frame);
            frame.Fail(error);
            frame.ReleaseQueueReference();
        }
    }

    internal void Return(OutboundFrame frame)
    {
        frame.Clear();
        if (Interlocked.Increment(ref _pooled) <= MaxPooledFrames)
        {
            _pool.Enqueue(frame);
            return;
        }

        Interlocked.Decrement(ref _pooled);
        frame.ReturnBuffer();
    }

    // Room is already taken (or not needed: frame.Reserved says which).
    private ValueTask SendReserved(OutboundFrame frame, CancellationToken cancellationToken)
    {
        // Write-through only when nothing is queued: a queued frame (a pong, an earlier send) must not be overtaken.
        if (_running && Volatile.Read(ref _queued) == 0 && _writer.Wait(0))
        {
            if (Volatile.Read(ref _queued) == 0 && !_completed)
            {
                return WriteInline(frame);
            }

            _writer.Release();
        }

        return Enqueue(frame, cancellationToken);
    }

    private ValueTask Enqueue(OutboundFrame frame, CancellationToken cancellationToken)
    {
        frame.TakeOwnership();
        frame.PrepareQueued(cancellationToken);
        var version = frame.Version;
        Interlocked.Increment(ref _queued);
        if (_channel.Writer.TryWrite(frame))
        {
            return new ValueTask(frame, version);
        }

        Interlocked.Decrement(ref _queued);
        ReleaseRoom(frame);
        frame.Fail(_target.Closed(frame.Operation));
        frame.ReleaseQueueReference();
        return new ValueTask(frame, version);
    }

    private ValueTask Refuse(OutboundFrame frame)
    {
        var error = _target.Closed(frame.Operation);
        frame.Recycle();
        return ValueTask.FromException(error);
    }

    // The slow path of a send into a full queue: wait for room on the connection's clock, bounded by the timeout, and
    // give up typed (nothing sent) when it stays full, the caller cancels, or the connection closes.
    private async ValueTask SendWhenRoomAsync(OutboundFrame frame, CancellationToken cancellationToken)
    {
        using (var timeout = new CancellationTokenSource(QueueTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _lifetime))
        {
            try
            {
                await _room.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                var operation = frame.Operation;
                frame.Recycle();
                if (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                throw _lifetime.IsCancellationRequested || _completed ? _target.Closed(operation) : _target.QueueFull(operation, Capacity, QueueTimeout);
            }
        }

        frame.Reserved = true;
        if (_completed)
        {
            ReleaseRoom(frame);
            await Refuse(frame).ConfigureAwait(false);
            return;
        }

        await SendReserved(frame, cancellationToken).ConfigureAwait(false);
    }

    // Holding the writer: write the frame now. Synchronous when the socket takes every part at once.
    private ValueTask WriteInline(OutboundFrame frame)
    {
        var part = 0;
        ValueTask pending;
        try
        {
            if (TryWriteSynchronously(frame, ref part, out pending))
            {
                FinishInline(frame);
                return default;
            }
        }
        catch (Exception error)
        {
            var operation = frame.Operation;
            FinishInline(frame);
            throw OnWriteFailed(operation, error);
        }

        return WriteInlineRestAsync(frame, pending, part);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteInlineRestAsync(OutboundFrame frame, ValueTask pending, int part)
    {
        try
        {
            await WriteRestAsync(frame, pending, part).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            var operation = frame.Operation;
            FinishInline(frame);
            throw OnWriteFailed(operation, error);
        }

        FinishInline(frame);
    }

    private void FinishInline(OutboundFrame frame)
    {
        ReleaseRoom(frame);
        _writer.Release();
        frame.Recycle();
    }

    // Writes a dequeued frame; false after a failed write (the queue is then completed and its frames failed).
    private async ValueTask<bool> WriteQueuedAsync(OutboundFrame frame)
    {
        try
        {
            if (!frame.TryStart())
            {
                return true;
            }

            var part = 0;
            try
            {
                if (!TryWriteSynchronously(frame, ref part, out var pending))
                {
                    await WriteRestAsync(frame, pending, part).ConfigureAwait(false);
                }
            }
            catch (Exception error)
            {
                frame.Fail(OnWriteFailed(frame.Operation, error));
                return false;
            }

            frame.Succeed();
            return true;
        }
        finally
        {
            ReleaseRoom(frame);
            frame.ReleaseQueueReference();
        }
    }

    // Writes parts from `part` on (0 is the frame, then each attachment) while the socket completes them at once; false
    // with the pending write when one goes asynchronous (the caller awaits it and continues at `part`).
    private bool TryWriteSynchronously(OutboundFrame frame, ref int part, out ValueTask pending)
    {
        var attachments = frame.Attachments.Length;
        while (part <= attachments)
        {
            var write = part == 0
                ? _target.WriteAsync(frame.Content, frame.IsText, _lifetime)
                : _target.WriteAsync(frame.Attachments.Span[part - 1], false, _lifetime);
            part++;
            if (!write.IsCompletedSuccessfully)
            {
                pending = write;
                return false;
            }

            write.GetAwaiter().GetResult();
        }

        pending = default;
        return true;
    }

    private async ValueTask WriteRestAsync(OutboundFrame frame, ValueTask pending, int part)
    {
        await pending.ConfigureAwait(false);
        while (!TryWriteSynchronously(frame, ref part, out pending))
        {
            await pending.ConfigureAwait(false);
        }
    }

    // A failed write leaves the socket unusable (a unit may be half written): stop writing, end the connection, and
    // fail what is queued rather than send it after a gap.
    private Exception OnWriteFailed(SendOperation operation, Exception error)
    {
        var described = _target.WriteFailed(operation, error);
        if (Interlocked.Exchange(ref _failed, 1) == 0)
        {
            Complete();
            _target.OnWriterFailed(error);
        }

        return described;
    }

    internal void ReleaseRoom(OutboundFrame frame)
    {
        if (frame.TryTakeReservation())
        {
            _room.Release();
        }
    }
}
