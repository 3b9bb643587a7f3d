using System.Buffers;

namespace Protocol.SocketIO;

/// <summary>
/// One unit for the send pump: a text frame and the binary attachments that must follow it with nothing in between.
/// The text is an owned pooled copy; attachments are the caller's memory, which must stay unchanged until the send completes.
/// </summary>
internal sealed class OutboundPacket
{
    private const int Queued = 0;
    private const int Sending = 1;
    private const int Finished = 2;

    private static readonly ReadOnlyMemory<byte>[] NoAttachments = [];

    private readonly byte[]? _rented;
    private readonly TaskCompletionSource? _completion;
    private CancellationTokenRegistration _cancellation;
    private int _state;

    private OutboundPacket(ReadOnlyMemory<byte> text, byte[]? rented, IReadOnlyList<ReadOnlyMemory<byte>> attachments, bool tracked)
    {
        Text = text;
        _rented = rented;
        Attachments = attachments;
        _completion = tracked ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
    }

    /// <summary>The shared, untracked pong <c>3</c>: enqueued on every ping without allocating.</summary>
    public static OutboundPacket Pong { get; } = new("3"u8.ToArray(), null, NoAttachments, tracked: false);

    public ReadOnlyMemory<byte> Text { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; }

    /// <summary>Whether the packet holds room in the send queue's bound (sends do; the shared pong does not).</summary>
    public bool Reserved { get; set; }

    /// <summary>Completes when the frames were written, faults when they could not be, cancels when cancelled before sending.</summary>
    public Task Completion => _completion?.Task ?? Task.CompletedTask;

    /// <summary>Copies <paramref name="text"/> into a pooled buffer so the caller's bytes may be reused at once.</summary>
    public static OutboundPacket Create(ReadOnlySpan<byte> text, IReadOnlyList<ReadOnlyMemory<byte>>? attachments)
    {
        var rented = ArrayPool<byte>.Shared.Rent(text.Length);
        text.CopyTo(rented);
        return new OutboundPacket(rented.AsMemory(0, text.Length), rented, attachments ?? NoAttachments, tracked: true);
    }

    /// <summary>Cancels the packet while it is still queued; once the pump has started it, it goes out whole.</summary>
    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (_completion is not null && cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (s, ct) => ((OutboundPacket)s!).TryCancel(ct), this);
        }
    }

    /// <summary>The pump claims the packet; false when it was cancelled or failed first.</summary>
    public bool TryStart() => _completion is null || Interlocked.CompareExchange(ref _state, Sending, Queued) == Queued;

    public void Succeed()
    {
        if (_completion is null)
        {
            return;
        }

        Volatile.Write(ref _state, Finished);
        Release();
        _completion.TrySetResult();
    }

    /// <summary>Fails a queued or sending packet.</summary>
    public void Fail(Exception error)
    {
        if (_completion is null)
        {
            return;
        }

        if (Interlocked.Exchange(ref _state, Finished) != Finished)
        {
            Release();
            _completion.TrySetException(error);
        }
    }

    private void TryCancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Finished, Queued) == Queued)
        {
            Release();
            _completion!.TrySetCanceled(cancellationToken);
        }
    }

    private void Release()
    {
        _cancellation.Dispose();
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }
    }
}
