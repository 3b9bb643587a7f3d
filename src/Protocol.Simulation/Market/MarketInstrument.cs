namespace Protocol.Simulation.Market;

/// <summary>
/// What the simulated market needs of an asset to price it: its id (the key of its price series), its symbol, its precision,
/// the price it moves around, how much it moves and how often it ticks. Each platform simulator derives its own asset from
/// it with what its wire adds (payouts, expiries, names).
/// </summary>
/// <param name="Id">The asset's numeric id: unique within a market, and the key of its prices (the same id and seed give the same prices).</param>
/// <param name="Symbol">The symbol (e.g. <c>EURUSD_otc</c>).</param>
/// <param name="Precision">Decimals of its prices (5 for most currency pairs, 3 for JPY pairs, 2 for stocks).</param>
/// <param name="BasePrice">The price the feed moves around.</param>
/// <param name="Volatility">Relative move per square root of a second (0.00005 moves a currency pair about half a pip a second).</param>
/// <param name="TickInterval">How often a tick comes.</param>
public abstract record MarketInstrument(int Id, string Symbol, int Precision, decimal BasePrice, double Volatility, TimeSpan TickInterval)
{
    /// <summary>Checks the asset; a platform's asset adds its own checks after these.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the asset and what is required.</exception>
    public virtual void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Symbol);
        if (Precision is < 0 or > 10 || BasePrice <= 0 || Volatility < 0 || double.IsNaN(Volatility) || TickInterval < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentException($"Asset '{Symbol}' is not valid: precision 0..10, a positive base price, a volatility of 0 or more and a tick interval of 1 ms or more are required.");
        }
    }
}
