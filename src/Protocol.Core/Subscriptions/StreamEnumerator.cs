using System.ComponentModel;

namespace Protocol.Infrastructure;

/// <summary>
/// The base of a hand-written enumerator for a stream that a platform returns as <see cref="IAsyncEnumerable{T}"/> (what a C#
/// async iterator would be, without its two traps: an iterator starts its body, and so its subscription, only at the first
/// <c>MoveNextAsync</c>, and its <c>DisposeAsync</c> throws <see cref="NotSupportedException"/> while a read is pending, hiding
/// the error that made <c>await using</c> code leave).
/// </summary>
/// <remarks>
/// A derived class reads one item per <see cref="ReadAsync"/> with the token it is given, and releases what the stream holds in
/// <see cref="ReleaseAsync"/>. This base guarantees: disposing while a <c>MoveNextAsync</c> is pending ends that read with
/// <see langword="false"/> and never throws (the read's token is cancelled and <see cref="DisposeAsync"/> returns once the read
/// ended); cancelling one of the caller's tokens ends the read with <see cref="OperationCanceledException"/>; any other error
/// of the read propagates; and <see cref="ReleaseAsync"/> runs exactly once, when the stream ends, fails, is cancelled or is
/// disposed, whichever comes first.
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StreamEnumerator<T> : IAsyncEnumerator<T>
{
    // Cancelled by either caller token or by DisposeAsync; the _disposed flag tells the two apart.
    private readonly CancellationTokenSource _stop;
    private Task<bool>? _pending;
    private bool _ended;
    private int _disposed;
    private int _released;

    /// <summary>Creates the enumerator; either token ends the enumeration with <see cref="OperationCanceledException"/>.</summary>
    /// <param name="cancellationToken">The token given to the method that returned the stream.</param>
    /// <param name="enumeratorToken">The token given to <c>GetAsyncEnumerator</c> (<c>WithCancellation</c>).</param>
    protected StreamEnumerator(CancellationToken cancellationToken, CancellationToken enumeratorToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorToken);
    }

    /// <inheritdoc />
    public T Current { get; protected set; } = default!;

    /// <inheritdoc />
    public ValueTask<bool> MoveNextAsync()
    {
        if (_ended || Volatile.Read(ref _disposed) == 1)
        {
            return new ValueTask<bool>(false);
        }

        if (_pending is { IsCompleted: false })
        {
            throw new InvalidOperationException("A MoveNextAsync is still pending on this enumerator; await it before reading again.");
        }

        ValueTask<bool> read;
        try
        {
            read = ReadAsync(_stop.Token);
        }
        catch (Exception error)
        {
            read = ValueTask.FromException<bool>(error);
        }

        // An item already at hand is returned without an allocation.
        if (read.IsCompletedSuccessfully && read.Result)
        {
            return new ValueTask<bool>(true);
        }

        var pending = FinishAsync(read);
        _pending = pending;
        return new ValueTask<bool>(pending);
    }

    /// <summary>Ends the enumeration: a pending read ends with <see langword="false"/>, then the stream is released.</summary>
    /// <returns>A task that completes once the pending read (if any) ended and the stream was released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _ended = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pending is { } pending)
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The read failed before the dispose: its caller got the error already.
            }
        }

        await ReleaseOnceAsync().ConfigureAwait(false);
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads the next item into <see cref="Current"/>.</summary>
    /// <param name="cancellationToken">Cancelled by the caller's tokens or by <see cref="DisposeAsync"/>: honour it.</param>
    /// <returns><see langword="true"/> with <see cref="Current"/> set, or <see langword="false"/> at the end of the stream.</returns>
    protected abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Releases what the stream holds (an unsubscribe, local bookkeeping); called exactly once.</summary>
    /// <returns>A task that completes when it is released.</returns>
    protected abstract ValueTask ReleaseAsync();

    private async Task<bool> FinishAsync(ValueTask<bool> read)
    {
        try
        {
            if (await read.ConfigureAwait(false))
            {
                return Volatile.Read(ref _disposed) == 0;
            }
        }
        catch (Exception) when (Volatile.Read(ref _disposed) == 1)
        {
            // Disposed during the read: it ends as the stream's end does; what the cancellation raised is nobody's error.
            return false;
        }
        catch (Exception)
        {
            _ended = true;
            await ReleaseOnceAsync().ConfigureAwait(false);
            throw;
        }

        _ended = true;
        await ReleaseOnceAsync().ConfigureAwait(false);
        return false;
    }

    private ValueTask ReleaseOnceAsync()
        => Interlocked.Exchange(ref _released, 1) == 0 ? ReleaseAsync() : ValueTask.CompletedTask;
}
