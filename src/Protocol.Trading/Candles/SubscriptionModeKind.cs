namespace Protocol.Trading.Candles;

/// <summary>How a candle subscription groups ticks into candles (see <see cref="SubscriptionMode"/>).</summary>
public enum SubscriptionModeKind
{
    /// <summary>Every tick is its own candle.</summary>
    None,

    /// <summary>A fixed number of ticks per candle.</summary>
    Chunk,

    /// <summary>A window of fixed length that starts at the first tick of the candle.</summary>
    Time,

    /// <summary>A window of fixed length aligned to multiples of its length since midnight UTC.</summary>
    TimeAligned,
}
