namespace Protocol.PocketOption.Market;

/// <summary>
/// How a candle subscription behaves across reconnects. The default (no backfill) resumes live with the gap left empty.
/// </summary>
/// <example><code>
/// await using var candles = await client.SubscribeAsync("EURUSD_otc", SubscriptionMode.TimeAligned(TimeSpan.FromMinutes(1)),
///     new CandleSubscriptionOptions { BackfillOnResume = true }, ct);
/// await foreach (var item in candles.ReadWithOriginAsync(ct))
///     Console.WriteLine($"{(item.IsBackfill ? "history" : "live")} {item.Candle}");
/// </code></example>
public sealed record CandleSubscriptionOptions
{
    /// <summary>
    /// After a reconnect, fetch the candles the gap hid from history (<c>loadHistoryPeriod</c>, the mode's period) and yield
    /// them, oldest first and flagged as backfill, before the live candles resume. Only for time and time-aligned modes with
    /// a whole number of seconds as period (history has no ticks to chunk). History candles are aligned to the period, as the
    /// platform keeps them, whichever of the two modes the subscription uses: the gap runs from the first period boundary
    /// after the last candle given out (in time mode, after its closing tick) to the start of the window of the new session's
    /// first tick, so no candle comes twice and none spans the gap. A failed history request ends the enumeration with
    /// <see cref="CandleBackfillException"/>.
    /// </summary>
    public bool BackfillOnResume { get; init; }

    /// <summary>How long each history request of a backfill may take; the client's <c>RequestTimeout</c> when null.</summary>
    public TimeSpan? BackfillTimeout { get; init; }
}
