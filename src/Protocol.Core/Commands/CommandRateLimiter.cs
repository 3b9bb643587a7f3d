namespace Protocol;

// The client's token bucket for module commands, on the client's TimeProvider. Not System.Threading.RateLimiting's
// TokenBucketRateLimiter: its replenishment (automatic or TryReplenish) measures elapsed time with Stopwatch, so it cannot run on
// the client's clock (a fake one in tests), which every other delay and timeout of the runtime does.
internal sealed class CommandRateLimiter : IDisposable
{
    private readonly CommandRateLimitOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _replenish;
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private int _tokens;
    private bool _disposed;

    public CommandRateLimiter(CommandRateLimitOptions options, TimeProvider timeProvider)
    {
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        _tokens = options.TokenLimit;
        _replenish = timeProvider.CreateTimer(static state => ((CommandRateLimiter)state!).Replenish(), this, options.ReplenishmentPeriod, options.ReplenishmentPeriod);
    }

    // Takes a token, waiting in line (oldest first) up to the timeout; returns how long it waited (the command's timeout shrinks by it).
    public async ValueTask<TimeSpan> AcquireAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ClientClosedException();
            }

            if (_waiting.Count == 0 && _tokens > 0)
            {
                _tokens--;
                return TimeSpan.Zero;
            }

            if (_waiting.Count >= _options.QueueLimit)
            {
                throw new CommandRateLimitedException(command, $"{_waiting.Count} commands were already waiting for the rate limit (CommandRateLimitOptions.QueueLimit)");
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast(turn);
        }

        var started = _timeProvider.GetTimestamp();
        try
        {
            // Its bound is gone when the wait returns (Task.WaitAsync(timeout, TimeProvider) left its timer armed a moment longer).
            await BoundedWait.WaitAsync(turn.Task, timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                if (!turn.Task.IsCompletedSuccessfully)
                {
                    // Still in line: leave it. (A token handed over at the same moment is kept: the command goes ahead.)
                    _waiting.Remove(node);
                    if (error is OperationCanceledException)
                    {
                        throw;
                    }

                    throw new CommandRateLimitedException(command, $"its timeout ({timeout}) passed while it waited for the rate limit");
                }
            }
        }

        return _timeProvider.GetElapsedTime(started);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var waiter in _waiting)
            {
                waiter.TrySetException(new ClientClosedException());
            }

            _waiting.Clear();
        }

        _replenish.Dispose();
    }

    private void Replenish()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _tokens = Math.Min(_options.TokenLimit, _tokens + _options.TokensPerPeriod);
            while (_tokens > 0 && _waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                _tokens--;
                first.Value.TrySetResult();
            }
        }
    }
}
