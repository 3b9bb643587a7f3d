using Protocol.Trading.Candles;
using Protocol.Trading.Capabilities;
using Protocol.Trading.Clients;
using Protocol.Trading.Market;
using Protocol.Trading.Trades;

namespace Protocol.Trading.Tests.Driving;

/// <summary>
/// An <see cref="ITradingClient"/> that forwards every call to the platform's client and counts the calls that wait for an
/// answer (connect, balance, assets, history, buy, sell), so a driver of the fake clock can move it only while none is in
/// flight. A request's timeout runs on the fake clock: moving the clock while its reply is merely slow in real time (a loaded
/// machine) would time it out after a few hundred real milliseconds. The calls that wait for time itself (candle streams,
/// results) are not counted: they need the clock to move.
/// </summary>
public sealed class RequestTrackingClient : ITradingClient
{
    private readonly ITradingClient _inner;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _waitedFor = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private TaskCompletionSource? _idle;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The platform's client.</param>
    public RequestTrackingClient(ITradingClient inner)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    }

    /// <summary>How many calls that wait for an answer are in flight.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <inheritdoc />
    public TradingCapabilities Capabilities => _inner.Capabilities;

    /// <inheritdoc />
    public ConnectionState ConnectionState => _inner.ConnectionState;

    /// <summary>Completes when no call that waits for an answer is in flight (at once when none is).</summary>
    /// <returns>The task.</returns>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _waitedFor.TrySetResult();
            return (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>Completes the first time a caller of <see cref="WhenIdleAsync"/> found a call in flight and waits for it.</summary>
    /// <returns>The task.</returns>
    public Task WhenIdleWaitedForAsync() => _waitedFor.Task;

    /// <inheritdoc />
    public Task ConnectAsync(CancellationToken cancellationToken = default) => TrackAsync(() => _inner.ConnectAsync(cancellationToken));

    /// <inheritdoc />
    public Task<decimal> GetBalanceAsync(CancellationToken cancellationToken = default) => TrackAsync(() => _inner.GetBalanceAsync(cancellationToken));

    /// <inheritdoc />
    public IAsyncEnumerable<decimal> WatchBalanceAsync(CancellationToken cancellationToken = default) => _inner.WatchBalanceAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AssetInfo>> GetAssetsAsync(CancellationToken cancellationToken = default) => TrackAsync(() => _inner.GetAssetsAsync(cancellationToken));

    /// <inheritdoc />
    public IAsyncEnumerable<Candle> SubscribeAsync(string assetId, SubscriptionMode mode, CancellationToken cancellationToken = default)
        => _inner.SubscribeAsync(assetId, mode, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Candle>> GetCandlesAsync(string assetId, TimeSpan period, int count, CancellationToken cancellationToken = default)
        => TrackAsync(() => _inner.GetCandlesAsync(assetId, period, count, cancellationToken));

    /// <inheritdoc />
    public Task<OpenedTrade> BuyAsync(string assetId, decimal amount, TimeSpan expiry, CancellationToken cancellationToken = default)
        => TrackAsync(() => _inner.BuyAsync(assetId, amount, expiry, cancellationToken));

    /// <inheritdoc />
    public Task<OpenedTrade> SellAsync(string assetId, decimal amount, TimeSpan expiry, CancellationToken cancellationToken = default)
        => TrackAsync(() => _inner.SellAsync(assetId, amount, expiry, cancellationToken));

    /// <inheritdoc />
    public Task<TradeResult> CheckResultAsync(OpenedTrade trade, CancellationToken cancellationToken = default) => _inner.CheckResultAsync(trade, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    // Counted before the call starts, so the request's timer (armed inside the call) never runs while the count is 0.
    private async Task<T> TrackAsync<T>(Func<Task<T>> call)
    {
        Enter();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    private async Task TrackAsync(Func<Task> call)
    {
        Enter();
        try
        {
            await call().ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    private void Enter()
    {
        lock (_gate)
        {
            _inFlight++;
        }
    }

    private void Exit()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (--_inFlight == 0)
            {
                idle = _idle;
                _idle = null;
            }
        }

        idle?.TrySetResult();
    }
}
