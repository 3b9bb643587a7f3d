namespace Protocol.Trading.Trades;

/// <summary>The result of a closed trade.</summary>
/// <param name="Outcome">Win, loss or draw.</param>
/// <param name="Profit">The net profit: positive for a win (the payout), negative for a loss (minus the stake), zero for a draw.</param>
public readonly record struct TradeResult(TradeOutcome Outcome, decimal Profit)
{
    /// <summary>The result a platform's net profit implies (by its sign, as the platforms report results).</summary>
    /// <param name="profit">The net profit of the closed trade.</param>
    /// <returns>Win when positive, loss when negative, draw when zero.</returns>
    public static TradeResult FromProfit(decimal profit)
        => new(profit > 0 ? TradeOutcome.Win : profit < 0 ? TradeOutcome.Loss : TradeOutcome.Draw, profit);
}
