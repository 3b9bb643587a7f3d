using Protocol.Infrastructure;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Market;

// What the neutral ITradingClient.SubscribeAsync returns. The subscription is started by the call (its subscriber is
// registered before the call returns), not at the first MoveNextAsync as an async iterator would, so a tick that arrives
// in between is kept. Written by hand also because an async iterator's DisposeAsync throws NotSupportedException while a
// read is pending; here disposing ends that read with false and disposes the subscription, once.
internal sealed class NeutralCandleStream(Task<CandleSubscription> subscribing, CancellationToken cancellationToken) : IAsyncEnumerable<Candle>
{
    private int _enumerated;

    public IAsyncEnumerator<Candle> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
        => new Reader(subscribing, Interlocked.Exchange(ref _enumerated, 1) == 0, cancellationToken, enumeratorToken);

    private sealed class Reader(Task<CandleSubscription> subscribing, bool owner, CancellationToken cancellationToken, CancellationToken enumeratorToken)
        : StreamEnumerator<Candle>(cancellationToken, enumeratorToken)
    {
        private IAsyncEnumerator<Candle>? _candles;

        protected override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            if (!owner)
            {
                throw new InvalidOperationException("This candle stream is enumerated already; call SubscribeAsync again for a second consumer.");
            }

            if (_candles is null)
            {
                // A start that failed (SubscriptionStartException) fails the first read, as it did when the read started it.
                var subscription = await subscribing.WaitAsync(cancellationToken).ConfigureAwait(false);
                _candles = subscription.GetAsyncEnumerator(cancellationToken);
            }

            if (!await _candles.MoveNextAsync().ConfigureAwait(false))
            {
                return false;
            }

            Current = _candles.Current;
            return true;
        }

        protected override async ValueTask ReleaseAsync()
        {
            if (!owner)
            {
                return;
            }

            if (_candles is not null)
            {
                await _candles.DisposeAsync().ConfigureAwait(false);
            }

            await SubscriptionStart.DisposeWhenStartedAsync(subscribing).ConfigureAwait(false);
        }
    }
}
