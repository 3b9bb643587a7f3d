using System.Threading.Channels;
using Protocol.Infrastructure;

namespace Protocol;

/// <summary>
/// One validator registered with the raw module: receives owned copies of matching messages into a bounded buffer
/// (drop-oldest, counted), and can send, send-and-wait for the next match, wait, or stream. Dispose to remove it.
/// Use one reading method at a time.
/// </summary>
public sealed class RawChannel : IAsyncDisposable
{
    private readonly RawApi _owner;
    private readonly IClientRuntime _runtime;
    private readonly Channel<RawMessage> _matches;
    private long _sequence;
    private long _dropped;

    internal RawChannel(RawApi owner, IClientRuntime runtime, long id, Validator validator, int capacity)
    {
        _owner = owner;
        _runtime = runtime;
        Id = id;
        Validator = validator;
        _matches = Channel.CreateBounded<RawMessage>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>The handler's id within the client.</summary>
    public long Id { get; }

    /// <summary>What it matches.</summary>
    public Validator Validator { get; }

    /// <summary>Matches lost because nobody read them in time.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Sends a message on the current connection.</summary>
    /// <param name="message">What to send.</param>
    /// <param name="cancellationToken">Abandons the send.</param>
    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        => _runtime.SendAsync(message, null, cancellationToken);

    /// <summary>
    /// Discards matches already buffered, sends <paramref name="message"/>, and returns the next match. There is no
    /// correlation beyond the validator: make it specific enough to recognise the answer.
    /// </summary>
    /// <param name="message">What to send.</param>
    /// <param name="timeout">How long to wait for the match.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <exception cref="TimeoutException">No match in time.</exception>
    public async Task<RawMessage> SendAndWaitAsync(OutgoingMessage message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        while (_matches.Reader.TryRead(out _))
        {
            // Stale: these arrived before the request went out.
        }

        await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return await WaitNextAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the next match (a buffered one first).</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <exception cref="TimeoutException">No match in time.</exception>
    /// <exception cref="ObjectDisposedException">The handler was removed.</exception>
    public async Task<RawMessage> WaitNextAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        try
        {
            // The bound cancels the read itself: a read merely abandoned at the timeout stayed registered on the buffer and
            // took the next match from the next wait.
            return await TimeoutRunner.RunAsync(nameof(WaitNextAsync), timeout, _runtime.TimeProvider, ct => _matches.Reader.ReadAsync(ct).AsTask(), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationTimeoutException)
        {
            throw new TimeoutException($"No message matching {Validator} arrived within {timeout}. Check the validator, or wait longer.");
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(RawChannel), "The raw handler was removed (disposed) or the client closed.");
        }
    }

    /// <summary>Streams matches until cancelled, the handler is removed, or the client closes.</summary>
    /// <remarks>
    /// Matches buffered before the first read (those that arrived since the handler was opened) come first. Disposing the
    /// enumerator while a <c>MoveNextAsync</c> is pending ends that read with <see langword="false"/> and never throws; the
    /// handler stays registered (dispose the channel to remove it). Cancelling <paramref name="cancellationToken"/> (or the
    /// token of <c>WithCancellation</c>) ends the read with <see cref="OperationCanceledException"/>.
    /// </remarks>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The matches, in arrival order.</returns>
    public IAsyncEnumerable<RawMessage> StreamAsync(CancellationToken cancellationToken = default) => new Stream(_matches.Reader, cancellationToken);

    /// <summary>Removes the handler; waits and streams end.</summary>
    public ValueTask DisposeAsync()
    {
        _owner.Remove(this);
        _matches.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    internal bool Offer(MessageView message)
    {
        if (!Validator.IsMatch(message))
        {
            return false;
        }

        _matches.Writer.TryWrite(new RawMessage(message, Interlocked.Increment(ref _sequence), _runtime.TimeProvider.GetUtcNow()));
        return true;
    }

    internal void Complete() => _matches.Writer.TryComplete();

    // What StreamAsync returns: each enumeration reads the handler's buffer from where the last one stopped.
    private sealed class Stream(ChannelReader<RawMessage> matches, CancellationToken cancellationToken) : IAsyncEnumerable<RawMessage>
    {
        public IAsyncEnumerator<RawMessage> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
            => new Reader(matches, cancellationToken, enumeratorToken);
    }

    private sealed class Reader(ChannelReader<RawMessage> matches, CancellationToken cancellationToken, CancellationToken enumeratorToken)
        : StreamEnumerator<RawMessage>(cancellationToken, enumeratorToken)
    {
        protected override ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            if (matches.TryRead(out var match))
            {
                Current = match;
                return new ValueTask<bool>(true);
            }

            return WaitAsync(cancellationToken);
        }

        // The stream holds nothing of its own: the handler's registration belongs to the channel.
        protected override ValueTask ReleaseAsync() => ValueTask.CompletedTask;

        private async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
        {
            while (await matches.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (matches.TryRead(out var match))
                {
                    Current = match;
                    return true;
                }
            }

            return false;
        }
    }
}
