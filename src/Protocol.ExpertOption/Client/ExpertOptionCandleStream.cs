using Protocol.ExpertOption.Wire.Candles;
using Protocol.Infrastructure;
using Protocol.Trading.Candles;
using Protocol.Trading.Market;

namespace Protocol.ExpertOption;

// What SubscribeAsync returns. The subscription is made by the call (the asset's subscriber is registered in the client's keyed
// candle stream before the call returns), not at the first MoveNextAsync as an async iterator would, so a push that arrives in
// between is kept. The keyed stream owns the wire: subscribeCandles goes out at once when Ready, else after the next login,
// before Ready, and again after every reconnect. Written by hand also because an async iterator's DisposeAsync throws
// NotSupportedException while a read is pending; here disposing ends that read with false and disposes the subscription, once.
internal sealed class ExpertOptionCandleStream(SubscriptionMode mode, Task<Subscription<CandlesPush>> subscribing, CancellationToken cancellationToken)
    : IAsyncEnumerable<Candle>
{
    private readonly SubscriptionMode _mode = mode;
    private readonly Task<Subscription<CandlesPush>> _subscribing = subscribing;
    private readonly CancellationToken _cancellationToken = cancellationToken;
    private int _enumerated;

    public IAsyncEnumerator<Candle> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
        => new Reader(this, Interlocked.Exchange(ref _enumerated, 1) == 0, enumeratorToken);

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
                // A subscribe that failed (SubscriptionStartException) fails the first read, as it did when the read sent it.
                var subscription = await owner._subscribing.WaitAsync(cancellationToken).ConfigureAwait(false);
                _pushes = subscription.GetAsyncEnumerator(cancellationToken);
            }

            Candle candle;
            while (!_ready.TryDequeue(out candle))
            {
                // Ends (false) when the client is closed or disposed: the keyed stream completes every subscription then.
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

            await DisposeOnceStartedAsync(owner._subscribing).ConfigureAwait(false);
        }

        // The keyed stream hands this subscription only its asset's pushes.
        private void Add(CandlesPush push)
        {
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
