using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Market;

/// <summary>A candle of a subscription and where it came from.</summary>
/// <param name="Candle">The candle.</param>
/// <param name="IsBackfill">True for a candle fetched from history after a reconnect to fill the gap; false for one built from live ticks.</param>
public readonly record struct SubscribedCandle(Candle Candle, bool IsBackfill);
