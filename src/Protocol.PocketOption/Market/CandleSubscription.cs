using Protocol.Infrastructure;
using Protocol.PocketOption.Wire;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Market;

/// <summary>
/// One consumer's candles of one asset, aggregated from the asset's ticks under a <see cref="SubscriptionMode"/>. Several
/// subscriptions of the same asset share the server's stream; disposing one ends only it. The stream goes on across
/// reconnects (the client starts the asset again before it is Ready); the gap is visible as <see cref="ResumeCount"/> and
/// <see cref="Resumed"/>, and the candle being built when the connection dropped is discarded rather than bridged over the gap.
/// With <see cref="CandleSubscriptionOptions.BackfillOnResume"/> the gap's candles come from history before live ones resume;
/// <see cref="ReadWithOriginAsync"/> tells them apart and <see cref="BackfilledCount"/> counts them.
/// </summary>
/// <example><code>
/// await using var candles = await client.SubscribeAsync("EURUSD_otc", SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5)));
/// await foreach (var candle in candles.WithCancellation(ct)) Console.WriteLine(candle);
/// </code></example>
public sealed class CandleSubscription : IAsyncEnumerable<Candle>, IAsyncDisposable
{
    private readonly Subscription<UpdateStream> _ticks;
    private readonly BackfillSource? _backfill;
    private readonly ReconnectGaps _gaps;
    private long _backfilled;

    // The gaps are marked by a handler the ticks' subscription got with its options (when it was created), so no resume is missed.
    internal CandleSubscription(string asset, SubscriptionMode mode, Subscription<UpdateStream> ticks, ReconnectGaps gaps, BackfillSource? backfill = null)
    {
        Asset = asset;
        Mode = mode;
        _ticks = ticks;
        _gaps = gaps;
        _backfill = backfill;
    }

    /// <summary>Fetches the completed candles of a period that start at or after <c>from</c> and end by <c>until</c>, oldest first.</summary>
    internal delegate Task<IReadOnlyList<Candle>> BackfillSource(TimeSpan period, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The asset.</summary>
    public string Asset { get; }

    /// <summary>How ticks become candles.</summary>
    public SubscriptionMode Mode { get; }

    /// <summary>Whether the candles a reconnect hid are fetched from history (<see cref="CandleSubscriptionOptions.BackfillOnResume"/>).</summary>
    public bool BackfillsOnResume => _backfill is not null;

    /// <summary>How many reconnects this subscription went through (each one a gap in the ticks).</summary>
    public long ResumeCount => _ticks.ResumeCount;

    /// <summary>How many candles were yielded from history to fill reconnect gaps (the rest were built from live ticks).</summary>
    public long BackfilledCount => Interlocked.Read(ref _backfilled);

    /// <summary>How many ticks were dropped because the consumer was slower than the feed.</summary>
    public long DroppedCount => _ticks.DroppedCount;

    /// <summary>Raised after a reconnect, once the asset's stream was started again on the new session.</summary>
    public event EventHandler? Resumed
    {
        add => _ticks.Resumed += value;
        remove => _ticks.Resumed -= value;
    }

    /// <summary>Enumerates the candles as they complete (once per subscription), backfilled ones included.</summary>
    /// <remarks>
    /// Ticks that arrive between the subscribe and the first read are buffered and read first. Disposing the enumerator while a
    /// <c>MoveNextAsync</c> is pending ends that read with <see langword="false"/> and never throws; the end of an enumeration
    /// that read (by its end, an error, cancellation or disposal) ends the subscription, as disposing it does. Cancelling <paramref name="cancellationToken"/> ends it with <see cref="OperationCanceledException"/>.
    /// </remarks>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The enumerator.</returns>
    /// <exception cref="CandleBackfillException">A reconnect's gap could not be fetched from history (with backfill on).</exception>
    public IAsyncEnumerator<Candle> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        => new Reader<Candle>(this, static c => c.Candle, cancellationToken, default);

    /// <summary>
    /// Enumerates the candles as they complete (once per subscription, instead of enumerating the subscription itself),
    /// each flagged as live or as backfill (fetched from history after a reconnect, oldest first, before live ones resume).
    /// </summary>
    /// <remarks>Reads as <see cref="GetAsyncEnumerator"/> does: disposing during a pending read ends it with <see langword="false"/>.</remarks>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The candles and where each came from.</returns>
    /// <exception cref="CandleBackfillException">A reconnect's gap could not be fetched from history (with backfill on).</exception>
    public IAsyncEnumerable<SubscribedCandle> ReadWithOriginAsync(CancellationToken cancellationToken = default) => new WithOrigin(this, cancellationToken);

    /// <summary>Ends this subscription (the others of the asset go on).</summary>
    /// <returns>A task that completes when it is removed.</returns>
    public ValueTask DisposeAsync() => _ticks.DisposeAsync();

    private async Task<IReadOnlyList<Candle>> FetchGapAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (until <= from)
        {
            return [];
        }

        try
        {
            return await _backfill!(Mode.Period, from, until, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new CandleBackfillException(Asset, from, until, error);
        }
    }

    // What ReadWithOriginAsync returns; its enumerator reads the subscription (which may be enumerated once).
    private sealed class WithOrigin(CandleSubscription owner, CancellationToken cancellationToken) : IAsyncEnumerable<SubscribedCandle>
    {
        public IAsyncEnumerator<SubscribedCandle> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
            => new Reader<SubscribedCandle>(owner, static c => c, cancellationToken, enumeratorToken);
    }

    // Turns the asset's ticks into candles, written by hand (not an async iterator) so that disposing it during a pending
    // read ends that read with false instead of throwing NotSupportedException. One tick update can complete several candles
    // (a reconnect's backfill, then the live one): they wait in order in _ready.
    private sealed class Reader<TItem>(CandleSubscription owner, Func<SubscribedCandle, TItem> project, CancellationToken cancellationToken, CancellationToken enumeratorToken)
        : StreamEnumerator<TItem>(cancellationToken, enumeratorToken)
    {
        private readonly CandleAggregator _aggregator = new(owner.Mode);
        private readonly Queue<SubscribedCandle> _ready = new();
        private IAsyncEnumerator<UpdateStream>? _ticks;
        private UpdateStream? _update;
        private int _index;

        // Where a backfill would start: the end of the last candle given out (live or history), else the window of the
        // first tick seen. Null until a tick arrived: with nothing seen there is nothing to bridge.
        private DateTimeOffset? _coveredUntil;

        protected override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            // Created at the first read, which is where the subscription's enumerate-once rule is checked.
            _ticks ??= owner._ticks.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                if (_ready.TryDequeue(out var next))
                {
                    if (next.IsBackfill)
                    {
                        Interlocked.Increment(ref owner._backfilled);
                    }

                    Current = project(next);
                    return true;
                }

                // One tick at a time, so a candle completed by a tick is given out before the next tick's backfill can fail.
                if (_update is { } update && _index < update.Ticks.Count)
                {
                    await AddAsync(update.Ticks[_index++], cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!await _ticks.MoveNextAsync().ConfigureAwait(false))
                {
                    return false;
                }

                _update = _ticks.Current;
                _index = 0;
            }
        }

        // Ends the tick subscription when its enumeration had started (as the subscription's own enumerator does).
        protected override ValueTask ReleaseAsync() => _ticks?.DisposeAsync() ?? ValueTask.CompletedTask;

        private async ValueTask AddAsync(StreamTick tick, CancellationToken cancellationToken)
        {
            var mode = owner.Mode;
            if (tick.Symbol != owner.Asset || !PocketTime.TryToInstant(tick.Time, out var time))
            {
                return;
            }

            if (owner._gaps.TryCross(time))
            {
                // A candle must not span the reconnect's gap: the first tick of the new session starts afresh.
                _aggregator.Reset();
                if (owner._backfill is not null && _coveredUntil is { } from)
                {
                    // History's candles up to the window of this tick: that window is live again from here.
                    var until = HistoryCandles.AlignDown(time, mode.Period);
                    var missed = await owner.FetchGapAsync(from, until, cancellationToken).ConfigureAwait(false);
                    foreach (var candle in missed)
                    {
                        _ready.Enqueue(new SubscribedCandle(candle, IsBackfill: true));
                    }

                    _coveredUntil = until > from ? until : from;
                }
            }

            if (owner._backfill is not null)
            {
                _coveredUntil ??= HistoryCandles.AlignDown(time, mode.Period);
            }

            if (_aggregator.TryAdd(new PriceTick(time, tick.Price), out var completed))
            {
                if (owner._backfill is not null)
                {
                    // Aligned candles cover their window; a time candle ends with this tick, so the gap starts at the next window.
                    _coveredUntil = HistoryCandles.AlignDown(mode.Kind == SubscriptionModeKind.TimeAligned ? completed.Time : time, mode.Period) + mode.Period;
                }

                _ready.Enqueue(new SubscribedCandle(completed, IsBackfill: false));
            }
        }
    }
}
