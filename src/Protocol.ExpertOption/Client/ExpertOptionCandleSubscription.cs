using Protocol.ExpertOption.Wire.Candles;
using Protocol.Infrastructure;
using Protocol.Trading.Candles;
using Protocol.Trading.Time;

namespace Protocol.ExpertOption;

/// <summary>
/// One consumer's candles of one asset, aggregated from the asset's ticks under a <see cref="SubscriptionMode"/>
/// (what <see cref="ExpertOptionClient.SubscribeAsync"/> returns). The stream goes on across reconnects (the client subscribes
/// the asset again on the new session before it is Ready); the gap is visible as <see cref="ResumeCount"/> and
/// <see cref="Resumed"/>, and the candle being built when the connection dropped is discarded rather than bridged over the gap:
/// the first tick of the new session starts a fresh candle.
/// </summary>
/// <example><code>
/// await using var candles = client.SubscribeAsync(142, SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5)));
/// candles.Resumed += (_, _) => Console.WriteLine($"reconnected ({candles.ResumeCount}): ticks of the gap are missing");
/// await foreach (var candle in candles.WithCancellation(ct)) Console.WriteLine(candle);
/// </code></example>
public sealed class ExpertOptionCandleSubscription : IAsyncEnumerable<Candle>, IAsyncDisposable
{
    // The subscription is made by SubscribeAsync (the asset's subscriber is registered in the client's keyed candle stream
    // before it returns), not at the first MoveNextAsync as an async iterator would, so a push that arrives in between is kept.
    // The keyed stream owns the wire: subscribeCandles goes out at once when Ready, else after the next login, before Ready,
    // and again after every reconnect.
    private readonly Task<Subscription<CandlesPush>> _subscribing;
    private readonly Func<ServerTimeReading> _serverTime;
    private readonly CancellationToken _cancellationToken;
    private readonly ReconnectGaps _gaps = new();
    private int _enumerated;

    internal ExpertOptionCandleSubscription(int assetId, SubscriptionMode mode, Func<SubscriptionOptions, Task<Subscription<CandlesPush>>> subscribe, Func<ServerTimeReading> serverTime, CancellationToken cancellationToken)
    {
        AssetId = assetId;
        Mode = mode;
        _serverTime = serverTime;
        _cancellationToken = cancellationToken;

        // The gap handler goes in with the subscribe, attached as the subscription is created: one attached when the subscribe
        // completes would miss a reconnect in between, and a candle could then span the gap.
        _subscribing = subscribe(new SubscriptionOptions { OnResumed = OnResumed });
    }

    /// <summary>The asset's id.</summary>
    public int AssetId { get; }

    /// <summary>How ticks become candles.</summary>
    public SubscriptionMode Mode { get; }

    /// <summary>How many reconnects this subscription went through (each one a gap in the ticks).</summary>
    public long ResumeCount => Started?.ResumeCount ?? 0;

    /// <summary>How many price pushes were dropped because the consumer was slower than the feed.</summary>
    public long DroppedCount => Started?.DroppedCount ?? 0;

    /// <summary>
    /// Raised after a reconnect, once the asset was subscribed again on the new session and before the client reports Ready.
    /// Runs on the client's connection task: keep it short.
    /// </summary>
    public event EventHandler? Resumed;

    private Subscription<CandlesPush>? Started => _subscribing.IsCompletedSuccessfully ? _subscribing.Result : null;

    /// <summary>Enumerates the candles as they complete (once per subscription).</summary>
    /// <remarks>
    /// Prices that arrive between the subscribe and the first read are kept and read first. A subscribe that could not be sent
    /// fails the first read (<see cref="SubscriptionStartException"/>). Disposing the enumerator while a <c>MoveNextAsync</c>
    /// is pending ends that read with <see langword="false"/> and never throws; the end of the enumeration (by its end, an
    /// error, cancellation or disposal) ends the subscription, as disposing it does. Cancelling <paramref name="cancellationToken"/>
    /// or the token given to the subscribe ends it with <see cref="OperationCanceledException"/>; closing or disposing the client
    /// ends it (<see langword="false"/>).
    /// </remarks>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The enumerator.</returns>
    /// <exception cref="InvalidOperationException">The subscription is enumerated already (at the first read).</exception>
    public IAsyncEnumerator<Candle> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        => new Reader(this, Interlocked.Exchange(ref _enumerated, 1) == 0, cancellationToken);

    /// <summary>Ends this subscription (the asset's other subscriptions go on).</summary>
    /// <returns>A task that completes when it is removed (at once when the subscribe is still in flight: it is removed when that ends).</returns>
    public ValueTask DisposeAsync() => SubscriptionStart.DisposeWhenStartedAsync(_subscribing);

    // On the connection's task, after the old session's receive loop ended (every old tick has reached the server clock) and
    // before a push of the new session is offered. The same rule as PocketOption's: the server's time now is after every old
    // tick and before every new one. With no tick seen yet there is no candle in progress to separate, and an unknown clock
    // (the local one) could be ahead of the server's and cut a candle of the new session, so nothing is marked.
    private void OnResumed(object? sender, EventArgs e)
    {
        var serverTime = _serverTime();
        if (serverTime.IsKnown)
        {
            _gaps.Add(serverTime.Now);
        }

        Resumed?.Invoke(this, EventArgs.Empty);
    }

    // Written by hand (not an async iterator) so that disposing it during a pending read ends that read with false instead of
    // throwing NotSupportedException; disposing ends the subscription, once.
    private sealed class Reader(ExpertOptionCandleSubscription owner, bool reads, CancellationToken enumeratorToken)
        : StreamEnumerator<Candle>(owner._cancellationToken, enumeratorToken)
    {
        private readonly CandleAggregator _aggregator = new(owner.Mode);

        // One push can complete several candles; they wait here in order.
        private readonly Queue<Candle> _ready = new();
        private IAsyncEnumerator<CandlesPush>? _pushes;

        protected override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            if (!reads)
            {
                throw new InvalidOperationException("This candle subscription is enumerated already; call SubscribeAsync again for a second consumer.");
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

            await owner.DisposeAsync().ConfigureAwait(false);
        }

        // The keyed stream hands this subscription only its asset's pushes.
        private void Add(CandlesPush push)
        {
            foreach (var row in push.Body.Candles)
            {
                if (!row.IsTick)
                {
                    continue;
                }

                var time = ExpertOptionClient.FromSeconds(row.T);
                if (owner._gaps.TryCross(time))
                {
                    // A candle must not span the reconnect's gap: the first tick of the new session starts afresh.
                    _aggregator.Reset();
                }

                if (_aggregator.TryAdd(new PriceTick(time, row.V[0]), out var candle))
                {
                    _ready.Enqueue(candle);
                }
            }
        }
    }
}
