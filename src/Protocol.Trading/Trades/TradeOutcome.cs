namespace Protocol.Trading.Trades;

/// <summary>How a closed trade ended.</summary>
public enum TradeOutcome
{
    /// <summary>The trade won: the stake is returned with the payout.</summary>
    Win,

    /// <summary>The trade lost: the stake is gone.</summary>
    Loss,

    /// <summary>The price at expiry equalled the opening price: the stake is returned.</summary>
    Draw,
}
