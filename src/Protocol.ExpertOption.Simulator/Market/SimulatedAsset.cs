using Protocol.Simulation.Market;

namespace Protocol.ExpertOption.Simulator.Market;

/// <summary>
/// An asset the simulator offers: the shared market's <see cref="MarketInstrument"/> (its prices come from the counter-based
/// feed of <c>Protocol.Simulation</c>) plus what ExpertOption's asset rows carry.
/// </summary>
/// <param name="Id">Its id (the same symbol may exist under two ids, regular and OTC; the feed keys prices by id).</param>
/// <param name="Symbol">Its symbol.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Payout">The payout in percent.</param>
/// <param name="BasePrice">The price the feed moves around.</param>
/// <param name="ExpirationStep">Expiries fall on multiples of this many seconds.</param>
/// <param name="PurchaseTime">A deal opens at least this many seconds before its expiry.</param>
/// <param name="Precision">Decimals of its prices; 5 by default (a currency pair).</param>
/// <param name="Volatility">Relative move per square root of a second; 0.00005 by default (about half a pip a second).</param>
/// <param name="TickInterval">How often a tick comes; default (zero) means 500 ms, about two frames a second as captured.</param>
public sealed record SimulatedAsset(
    int Id,
    string Symbol,
    string Name,
    int Payout,
    decimal BasePrice,
    int ExpirationStep = 30,
    int PurchaseTime = 30,
    int Precision = 5,
    double Volatility = 0.00005,
    TimeSpan TickInterval = default)
    : MarketInstrument(Id, Symbol, Precision, BasePrice, Volatility, TickInterval == default ? TimeSpan.FromMilliseconds(500) : TickInterval)
{
    /// <summary>EUR/USD (142), EUR/USD OTC (245) and BTC/USD (160), as in the captured asset list; prices [simulator-defined].</summary>
    public static IReadOnlyList<SimulatedAsset> Defaults { get; } =
    [
        new(142, "EURUSD", "EUR/USD", 85, 1.08000m),
        new(245, "EURUSD", "EUR/USD (OTC)", 80, 1.08000m),
        new(160, "BTCUSD", "BTC/USD", 76, 30000.00m, Precision: 2, Volatility: 0.0003),
    ];

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Payout is < 0 or > 1000 || ExpirationStep <= 0 || PurchaseTime < 0)
        {
            throw new ArgumentException($"Asset {Id} ('{Symbol}') is not valid: payout 0..1000 %, a positive expiration step and a purchase time of 0 or more are required.");
        }
    }
}
