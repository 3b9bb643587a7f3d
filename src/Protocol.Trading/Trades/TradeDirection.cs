namespace Protocol.Trading.Trades;

/// <summary>Which way a binary-option trade bets.</summary>
public enum TradeDirection
{
    /// <summary>Buy (a call): wins when the price at expiry is above the opening price.</summary>
    Buy,

    /// <summary>Sell (a put): wins when the price at expiry is below the opening price.</summary>
    Sell,
}
