using Protocol.PocketOption.Wire;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Market;

/// <summary>
/// One consumer's candles of one asset, aggregated from the asset's ticks under a <see cref="SubscriptionMode"/>. Several
/// subscriptions of the same asset share the server's stream; disposing one ends only it. The stream goes on across
/// reconnects (the client starts the asset again before it is Ready); the gap is visible as <see cref="ResumeCount"/> and
/// <see cref="Resumed"/>, and the candle being built when the connection dropped is discarded rather than bridged over the gap.
/// </summary>
/// <example><code>
/// await using var candles = await client.SubscribeAsync("EURUSD_otc", SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5)));
/// await foreach (var candle in candles.WithCancellation(ct)) Console.WriteLine(candle);
/// </code></example>
public sealed class CandleSubscription : IAsyncEnumerable<Candle>, IAsyncDisposable
{
    private readonly Subscription<UpdateStream> _ticks;
    private long _gapEndsAfterTicks = long.MaxValue;

    internal CandleSubscription(string asset, SubscriptionMode mode, Subscription<UpdateStream> ticks, Func<DateTimeOffset> serverNow)
    {
        Asset = asset;
        Mode = mode;
        _ticks = ticks;

        // The server's time when the stream resumed: every tick of the old session is older, every tick of the new one newer,
        // so the gap is found even when the consumer reads old ticks after the reconnect.
        _ticks.Resumed += (_, _) => Interlocked.Exchange(ref _gapEndsAfterTicks, serverNow().UtcTicks);
    }

    /// <summary>The asset.</summary>
    public string Asset { get; }

    /// <summary>How ticks become candles.</summary>
    public SubscriptionMode Mode { get; }

    /// <summary>How many reconnects this subscription went through (each one a gap in the ticks).</summary>
    public long ResumeCount => _ticks.ResumeCount;

    /// <summary>How many ticks were dropped because the consumer was slower than the feed.</summary>
    public long DroppedCount => _ticks.DroppedCount;

    /// <summary>Raised after a reconnect, once the asset's stream was started again on the new session.</summary>
    public event EventHandler? Resumed
    {
        add => _ticks.Resumed += value;
        remove => _ticks.Resumed -= value;
    }

    /// <summary>Enumerates the candles as they complete (once per subscription).</summary>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The enumerator.</returns>
    public async IAsyncEnumerator<Candle> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var aggregator = new CandleAggregator(Mode);
        await foreach (var update in _ticks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var tick in update.Ticks)
            {
                if (tick.Symbol != Asset || !PocketTime.TryToInstant(tick.Time, out var time))
                {
                    continue;
                }

                var gapEnd = Interlocked.Read(ref _gapEndsAfterTicks);
                if (time.UtcTicks > gapEnd)
                {
                    // A candle must not span the reconnect's gap: the first tick of the new session starts afresh.
                    Interlocked.CompareExchange(ref _gapEndsAfterTicks, long.MaxValue, gapEnd);
                    aggregator.Reset();
                }

                if (aggregator.TryAdd(new PriceTick(time, tick.Price), out var candle))
                {
                    yield return candle;
                }
            }
        }
    }

    /// <summary>Ends this subscription (the others of the asset go on).</summary>
    /// <returns>A task that completes when it is removed.</returns>
    public ValueTask DisposeAsync() => _ticks.DisposeAsync();
}
