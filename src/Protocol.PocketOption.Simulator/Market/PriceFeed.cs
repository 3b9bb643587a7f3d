using Protocol.Simulation.Market;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Simulator.Market;

/// <summary>
/// The PocketOption simulator's market: the shared counter-based feed of <c>Protocol.Simulation</c> (see
/// <see cref="PriceFeed{TAsset}"/> for how prices are made), addressed by symbol, since PocketOption's wire names assets by
/// symbol.
/// </summary>
public sealed class PriceFeed : PriceFeed<SimulatedAsset>
{
    private readonly Dictionary<string, SimulatedAsset> _bySymbol = new(StringComparer.Ordinal);

    /// <summary>Creates a feed for <paramref name="assets"/>.</summary>
    /// <param name="assets">The market's assets (unique symbols and ids).</param>
    /// <param name="seed">Chooses the market: the same seed gives the same prices.</param>
    /// <exception cref="ArgumentException">Two assets share a symbol or an id, or an asset is not valid.</exception>
    public PriceFeed(IEnumerable<SimulatedAsset> assets, ulong seed = DefaultSeed)
        : base(assets, seed)
    {
        foreach (var asset in Assets)
        {
            if (!_bySymbol.TryAdd(asset.Symbol, asset))
            {
                throw new ArgumentException($"Two assets have the symbol '{asset.Symbol}'; symbols are unique.", nameof(assets));
            }
        }
    }

    /// <summary>Finds an asset by symbol.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="asset">The asset.</param>
    /// <returns>Whether the market has it.</returns>
    public bool TryGetAsset(string symbol, out SimulatedAsset asset) => _bySymbol.TryGetValue(symbol, out asset!);

    /// <summary>The price of the last tick at or before <paramref name="time"/>.</summary>
    /// <param name="symbol">The asset.</param>
    /// <param name="time">The instant.</param>
    /// <returns>The price.</returns>
    /// <exception cref="KeyNotFoundException">The market has no such asset.</exception>
    public decimal PriceAt(string symbol, DateTimeOffset time) => PriceAt(Require(symbol), time);

    /// <summary>The last tick at or before <paramref name="time"/>.</summary>
    /// <param name="symbol">The asset.</param>
    /// <param name="time">The instant.</param>
    /// <returns>The tick.</returns>
    public PriceTick TickAt(string symbol, DateTimeOffset time) => TickAt(Require(symbol), time);

    /// <summary>The ticks whose time is in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    /// <param name="symbol">The asset.</param>
    /// <param name="from">The first instant (inclusive).</param>
    /// <param name="to">The end (exclusive).</param>
    /// <returns>The ticks.</returns>
    public IEnumerable<PriceTick> Ticks(string symbol, DateTimeOffset from, DateTimeOffset to) => Ticks(Require(symbol), from, to);

    /// <summary>The candle of the period that starts at <paramref name="start"/> (its ticks in [start, start + period)).</summary>
    /// <param name="symbol">The asset.</param>
    /// <param name="start">The period's start.</param>
    /// <param name="period">The period's length (at least one tick interval).</param>
    /// <returns>The candle; its <see cref="Candle.Volume"/> is the number of ticks it summarises.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is shorter than the asset's tick interval.</exception>
    public Candle CandleAt(string symbol, DateTimeOffset start, TimeSpan period) => CandleAt(Require(symbol), start, period);

    /// <summary>
    /// Forces the price of the tick at <paramref name="time"/> (tests: a close above, below or equal to the open price). The
    /// price is rounded to the asset's precision.
    /// </summary>
    /// <param name="symbol">The asset.</param>
    /// <param name="time">An instant within the tick to force.</param>
    /// <param name="price">The price.</param>
    public void Script(string symbol, DateTimeOffset time, decimal price) => Script(Require(symbol), time, price);

    private int Require(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return _bySymbol.TryGetValue(symbol, out var asset)
            ? asset.Id
            : throw new KeyNotFoundException($"The simulated market has no asset '{symbol}'; see PriceFeed.Assets for the symbols it has.");
    }
}
