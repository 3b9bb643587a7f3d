namespace Protocol;

/// <summary>
/// One registered wait for an inbound message (e.g. "the deal with this id closed"), created by a generated API's
/// <c>WaitXxx(argument)</c>. It is registered when created, so the pattern below cannot miss an event that arrives between
/// reading the state and awaiting:
/// <code>
/// using var closed = trades.WaitDealClosed(dealId);    // 1. registered now
/// if (state.TryGetClosed(dealId, out var deal)) …       // 2. then read the state
/// var message = await closed.WaitAsync(TimeSpan.FromMinutes(2), ct); // 3. then wait
/// </code>
/// It completes on the receive path with the first matching message after its registration (never an earlier one); every
/// registered wait that matches completes, not only the oldest. Dispose it when done: a wait that timed out, was
/// cancelled or was disposed is unregistered.
/// </summary>
/// <remarks>
/// A wait lives in the session it was registered in. When that connection drops it fails with
/// <see cref="ConnectionLostException"/>: an event that happened while disconnected is never delivered, so read
/// the state again once the client is Ready and wait again. When the client closes it fails with
/// <see cref="ClientClosedException"/>.
/// </remarks>
/// <typeparam name="TMessage">The message waited for.</typeparam>
public sealed class InboundWait<TMessage> : IDisposable
{
    private readonly TaskCompletionSource<TMessage> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<InboundWait<TMessage>> _unregister;
    private readonly TimeProvider _timeProvider;
    private int _disposed;

    internal InboundWait(string name, TimeProvider timeProvider, Action<InboundWait<TMessage>> unregister)
    {
        Name = name;
        _timeProvider = timeProvider;
        _unregister = unregister;
    }

    /// <summary>The wait's name: module and declaration (e.g. <c>trades.DealClosed</c>).</summary>
    public string Name { get; }

    /// <summary>Whether a matching message arrived or the wait failed (connection lost, client closed, disposed).</summary>
    public bool IsCompleted => _completion.Task.IsCompleted;

    /// <summary>
    /// Waits for the matching message. The wait was registered when it was created; this only awaits it, so a message that
    /// arrived since then is returned at once.
    /// </summary>
    /// <param name="timeout">How long to wait; must be positive.</param>
    /// <param name="cancellationToken">Abandons the wait (it is unregistered).</param>
    /// <returns>The first matching message since registration.</returns>
    /// <exception cref="InboundWaitTimeoutException">No matching message within <paramref name="timeout"/>; the wait is unregistered.</exception>
    /// <exception cref="ConnectionLostException">The connection dropped first; read the state again once Ready and wait again.</exception>
    /// <exception cref="ClientClosedException">The client closed first.</exception>
    /// <exception cref="ObjectDisposedException">The wait was disposed before a message arrived.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    public Task<TMessage> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, $"The timeout of wait '{Name}' must be positive; give how long the event may take.");
        }

        if (Volatile.Read(ref _disposed) != 0 && !_completion.Task.IsCompletedSuccessfully)
        {
            throw new ObjectDisposedException(Name, $"Wait '{Name}' was disposed before a matching message arrived; register a new one.");
        }

        return _completion.Task.IsCompletedSuccessfully ? _completion.Task : WaitCoreAsync(timeout, cancellationToken);
    }

    /// <summary>Unregisters the wait; a pending <see cref="WaitAsync"/> ends cancelled. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _unregister(this);

        // Cancelled, not faulted: a disposed wait that nobody awaits never surfaces as an unobserved exception.
        _completion.TrySetCanceled();
    }

    internal bool TryComplete(TMessage message) => _completion.TrySetResult(message);

    private async Task<TMessage> WaitCoreAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            // BoundedWait, not WaitAsync(timeout, TimeProvider): its timer is gone when this returns.
            return await BoundedWait.WaitAsync(_completion.Task, timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!_completion.Task.IsFaulted)
        {
            // Unregistered first, so a message that races the timer either completed the wait already or is not taken.
            Dispose();
            return _completion.Task.IsCompletedSuccessfully ? _completion.Task.Result : throw new InboundWaitTimeoutException(Name, timeout);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_completion.Task.IsFaulted)
        {
            Dispose();
            if (_completion.Task.IsCompletedSuccessfully)
            {
                return _completion.Task.Result;
            }

            throw;
        }
    }

    internal void TryFail(Exception error)
    {
        if (_completion.TrySetException(error))
        {
            // Observed here: a wait that fails before anyone awaits it is no unobserved task exception (await still throws).
            _ = _completion.Task.Exception;
        }
    }
}
