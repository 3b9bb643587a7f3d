using Protocol.Trading.Trades;

namespace Protocol.PocketOption.Wire.Trading;

/// <summary>
/// Which way a PocketOption order bets: <c>"call"</c>/<c>"put"</c> in <c>openOrder</c>, the numbers 0/1 in a deal's <c>command</c>
/// (readers accept either form).
/// </summary>
public enum OrderAction
{
    /// <summary>A call (buy): wins when the price at expiry is above the opening price. Wire: <c>"call"</c> or 0.</summary>
    [WireName("call")]
    Call = 0,

    /// <summary>A put (sell): wins when the price at expiry is below the opening price. Wire: <c>"put"</c> or 1.</summary>
    [WireName("put")]
    Put = 1,
}

/// <summary>Maps PocketOption's order action to the platform-neutral <see cref="TradeDirection"/> and back.</summary>
public static class OrderActions
{
    /// <summary>The action of a trade direction.</summary>
    /// <param name="direction">Buy or sell.</param>
    /// <returns><see cref="OrderAction.Call"/> for a buy, <see cref="OrderAction.Put"/> for a sell.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="direction"/> is not a defined value.</exception>
    public static OrderAction ToOrderAction(this TradeDirection direction) => direction switch
    {
        TradeDirection.Buy => OrderAction.Call,
        TradeDirection.Sell => OrderAction.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "A trade direction is Buy (call) or Sell (put)."),
    };

    /// <summary>The trade direction of an action.</summary>
    /// <param name="action">Call or put.</param>
    /// <returns><see cref="TradeDirection.Buy"/> for a call, <see cref="TradeDirection.Sell"/> for a put.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="action"/> is not a defined value.</exception>
    public static TradeDirection ToTradeDirection(this OrderAction action) => action switch
    {
        OrderAction.Call => TradeDirection.Buy,
        OrderAction.Put => TradeDirection.Sell,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "A PocketOption order action is call (0) or put (1)."),
    };
}
