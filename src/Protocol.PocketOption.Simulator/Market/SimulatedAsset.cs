using Protocol.Simulation.Market;
using Protocol.Trading.Market;

namespace Protocol.PocketOption.Simulator.Market;

/// <summary>One tradable asset of the simulated market and how its price moves (the shared feed's <see cref="MarketInstrument"/> plus what PocketOption's asset rows carry).</summary>
/// <param name="Id">The platform's numeric id (asset row element 0).</param>
/// <param name="Symbol">The symbol (e.g. <c>EURUSD_otc</c>).</param>
/// <param name="Name">The display name.</param>
/// <param name="Kind">The asset's type.</param>
/// <param name="Payout">The payout in percent of the amount on a win (e.g. 92).</param>
/// <param name="IsOtc">Whether it is an OTC asset (traded around the clock).</param>
/// <param name="IsActive">Whether it can be traded now; an order on an inactive asset fails.</param>
/// <param name="ExpirySeconds">The expiries an order may use, in seconds.</param>
/// <param name="Precision">Decimals of its prices (5 for most currency pairs, 3 for JPY pairs, 2 for stocks).</param>
/// <param name="BasePrice">The price the feed moves around.</param>
/// <param name="Volatility">Relative move per square root of a second (0.00005 moves a currency pair about half a pip a second).</param>
/// <param name="TickInterval">How often a tick comes.</param>
public sealed record SimulatedAsset(
    int Id,
    string Symbol,
    string Name,
    AssetKind Kind,
    int Payout,
    bool IsOtc,
    bool IsActive,
    IReadOnlyList<int> ExpirySeconds,
    int Precision,
    decimal BasePrice,
    double Volatility,
    TimeSpan TickInterval) : MarketInstrument(Id, Symbol, Precision, BasePrice, Volatility, TickInterval)
{
    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Payout is < 0 or > 1000 || ExpirySeconds is null || ExpirySeconds.Any(e => e <= 0))
        {
            throw new ArgumentException($"Asset '{Symbol}' is not valid: payout 0..1000 % and positive expiries are required.");
        }

        if (!Enum.IsDefined(Kind) || Kind == AssetKind.Unknown)
        {
            throw new ArgumentException($"Asset '{Symbol}' has kind {Kind}; the platform's asset rows name only Currency, Stock, Commodity, Cryptocurrency and Index.");
        }
    }
}
