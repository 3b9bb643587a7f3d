using Protocol.ExpertOption.Wire.Candles;
using Protocol.Infrastructure;
using Protocol.Trading.Candles;
using Protocol.Trading.Market;

namespace Protocol.ExpertOption;

// What SubscribeAsync returns. The subscription is made by the call (pushes subscribed, asset counted for the reconnect's
// resubscribe, subscribeCandles on its way), not at the first MoveNextAsync as an async iterator would, so a push that
// arrives in between is kept. Written by hand also because an async iterator's DisposeAsync throws NotSupportedException
// while a read is pending; here disposing ends that read with false. ExpertOption documents no unsubscribe: releasing the
// stream (once, however it ends) drops the asset from the resubscribe list and ends the push subscription.
internal sealed class ExpertOptionCandleStream : IAsyncEnumerable<Candle>
{
    private readonly int _assetId;
    private readonly SubscriptionMode _mode;
    private readonly Subscription<CandlesPush> _pushes;
    private readonly Action<int> _unsubscribed;
    private readonly CancellationToken _cancellationToken;
    private readonly Task _subscribing;
    private int _enumerated;
    private int _released;

    public ExpertOptionCandleStream(int assetId, SubscriptionMode mode, Subscription<CandlesPush> pushes, Func<CancellationToken, ValueTask> subscribe, Action<int> unsubscribed, CancellationToken cancellationToken)
    {
        _assetId = assetId;
        _mode = mode;
        _pushes = pushes;
        _unsubscribed = unsubscribed;
        _cancellationToken = cancellationToken;
        _subscribing = SubscribeAsync(subscribe);
    }

    public IAsyncEnumerator<Candle> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
        => new Reader(this, Interlocked.Exchange(ref _enumerated, 1) == 0, enumeratorToken);

    // A subscribe that could not be sent releases the stream at once, even if nobody reads it; the first read reports it.
    private async Task SubscribeAsync(Func<CancellationToken, ValueTask> subscribe)
    {
        try
        {
            await subscribe(_cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _unsubscribed(_assetId);
            await _pushes.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Reader(ExpertOptionCandleStream owner, bool reads, CancellationToken enumeratorToken)
        : StreamEnumerator<Candle>(owner._cancellationToken, enumeratorToken)
    {
        private readonly CandleAggregator _aggregator = new(owner._mode);

        // One push can complete several candles; they wait here in order.
        private readonly Queue<Candle> _ready = new();
        private IAsyncEnumerator<CandlesPush>? _pushes;

        protected override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            if (!reads)
            {
                throw new InvalidOperationException("This candle stream is enumerated already; call SubscribeAsync again for a second consumer.");
            }

            if (_pushes is null)
            {
                // A subscribe that failed fails the first read, as it did when the read sent it.
                await owner._subscribing.WaitAsync(cancellationToken).ConfigureAwait(false);
                _pushes = owner._pushes.GetAsyncEnumerator(cancellationToken);
            }

            Candle candle;
            while (!_ready.TryDequeue(out candle))
            {
                if (!await _pushes.MoveNextAsync().ConfigureAwait(false))
                {
                    return false;
                }

                Add(_pushes.Current);
            }

            Current = candle;
            return true;
        }

        protected override async ValueTask ReleaseAsync()
        {
            if (!reads)
            {
                return;
            }

            if (_pushes is not null)
            {
                await _pushes.DisposeAsync().ConfigureAwait(false);
            }

            await owner.ReleaseAsync().ConfigureAwait(false);
        }

        private void Add(CandlesPush push)
        {
            if (push.Body.AssetId != owner._assetId)
            {
                return;
            }

            foreach (var row in push.Body.Candles)
            {
                if (row.IsTick && _aggregator.TryAdd(new PriceTick(ExpertOptionClient.FromSeconds(row.T), row.V[0]), out var candle))
                {
                    _ready.Enqueue(candle);
                }
            }
        }
    }
}
