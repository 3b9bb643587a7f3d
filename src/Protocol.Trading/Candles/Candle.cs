namespace Protocol.Trading.Candles;

/// <summary>The prices of one asset over one window (or one tick, or one chunk of ticks), summarised.</summary>
/// <param name="Time">When the candle starts: the window's start for aligned candles, else its first tick's time.</param>
/// <param name="Open">The first price.</param>
/// <param name="High">The highest price.</param>
/// <param name="Low">The lowest price.</param>
/// <param name="Close">The last price.</param>
/// <param name="Volume">The traded volume, when the platform reports one (PocketOption reports none).</param>
public readonly record struct Candle(DateTimeOffset Time, decimal Open, decimal High, decimal Low, decimal Close, decimal? Volume = null);
