using Protocol.PocketOption.Wire.Trading;
using Protocol.Trading.Trades;

namespace Protocol.PocketOption.Trading.Deals;

/// <summary>A deal joined the closed deals (<see cref="DealBook.DealClosed"/>).</summary>
/// <param name="deal">The closed deal.</param>
public sealed class DealClosedEventArgs(Deal deal) : EventArgs
{
    /// <summary>The closed deal.</summary>
    public Deal Deal { get; } = deal;

    /// <summary>Win, loss or draw, with the profit.</summary>
    public TradeResult Result => Deal.Result;
}
