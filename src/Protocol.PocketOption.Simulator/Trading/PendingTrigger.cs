namespace Protocol.PocketOption.Simulator.Trading;

/// <summary>A pending order's <c>openType</c> [simulator-defined]: what turns it into a deal.</summary>
internal enum PendingTrigger
{
    /// <summary><c>0</c>: the clock reaches <c>openTime</c>.</summary>
    Time = 0,

    /// <summary><c>1</c>: the feed reaches <c>openPrice</c> from the side it was on when the order was placed.</summary>
    Price = 1,
}
