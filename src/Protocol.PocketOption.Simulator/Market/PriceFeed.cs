using System.Collections.Concurrent;
using Protocol.Trading.Candles;

namespace Protocol.PocketOption.Simulator.Market;

/// <summary>
/// The simulated market's prices: deterministic, and computable at any instant without replaying the past, so history at
/// any depth and the live ticks always agree, and two simulators with the same seed show the same market.
/// </summary>
/// <remarks>
/// A price is <c>BasePrice × exp(σ·W(step))</c>, where a step is one tick interval since the Unix epoch and <c>W</c> is
/// fractional Brownian noise: a sum of octaves of value noise whose lattice values come from a counter-based generator
/// keyed by (seed, asset, octave, index). Each octave doubles the time scale and scales its amplitude by √2, so the moves
/// look like a random walk from seconds to weeks while any step is computed in O(octaves). Prices are rounded to the
/// asset's precision, so equal open and close prices (draws) happen as they do on the platform. Tests force a price with
/// <see cref="Script"/>.
/// </remarks>
public sealed class PriceFeed
{
    private const int Octaves = 22;

    // Scales W so that σ is roughly the relative standard deviation of the price over one second.
    private const double Scale = 0.35;

    private readonly Dictionary<string, SimulatedAsset> _assets;
    private readonly ConcurrentDictionary<(string Symbol, long Step), decimal> _scripted = new();
    private readonly ulong _seed;

    /// <summary>Creates a feed for <paramref name="assets"/>.</summary>
    /// <param name="assets">The market's assets (unique symbols).</param>
    /// <param name="seed">Chooses the market: the same seed gives the same prices.</param>
    /// <exception cref="ArgumentException">Two assets share a symbol, or an asset is not valid.</exception>
    public PriceFeed(IEnumerable<SimulatedAsset> assets, ulong seed = 0x5EED_0F_70C0)
    {
        ArgumentNullException.ThrowIfNull(assets);
        _assets = new Dictionary<string, SimulatedAsset>(StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            asset.Validate();
            if (!_assets.TryAdd(asset.Symbol, asset))
            {
                throw new ArgumentException($"Two assets have the symbol '{asset.Symbol}'; symbols are unique.", nameof(assets));
            }
        }

        _seed = seed;
    }

    /// <summary>The market's assets.</summary>
    public IReadOnlyCollection<SimulatedAsset> Assets => _assets.Values;

    /// <summary>Finds an asset by symbol.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="asset">The asset.</param>
    /// <returns>Whether the market has it.</returns>
    public bool TryGetAsset(string symbol, out SimulatedAsset asset) => _assets.TryGetValue(symbol, out asset!);

    /// <summary>The price of the last tick at or before <paramref name="time"/>.</summary>
    /// <param name="symbol">The asset.</param>
    /// <param name="time">The instant.</param>
    /// <returns>The price.</returns>
    /// <exception cref="KeyNotFoundException">The market has no such asset.</exception>
    public decimal PriceAt(string symbol, DateTimeOffset time)
    {
        var asset = Require(symbol);
        return PriceAtStep(asset, StepAt(asset, time));
    }

    /// <summary>The last tick at or before <paramref name="time"/>.</summary>
    /// <param name="symbol">The asset.</param>
    /// <param name="time">The instant.</param>
    /// <returns>The tick.</returns>
    public PriceTick TickAt(string symbol, DateTimeOffset time)
    {
        var asset = Require(symbol);
        var step = StepAt(asset, time);
        return new PriceTick(TimeOfStep(asset, step), PriceAtStep(asset, step));
    }

    /// <summary>The ticks whose time is in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    /// <param name="symbol">The asset.</param>
    /// <param name="from">The first instant (inclusive).</param>
    /// <param name="to">The end (exclusive).</param>
    /// <returns>The ticks.</returns>
    public IEnumerable<PriceTick> Ticks(string symbol, DateTimeOffset from, DateTimeOffset to)
    {
        var asset = Require(symbol);
        var first = StepAt(asset, from);
        if (TimeOfStep(asset, first) < from)
        {
            first++;
        }

        for (var step = first; TimeOfStep(asset, step) < to; step++)
        {
            yield return new PriceTick(TimeOfStep(asset, step), PriceAtStep(asset, step));
        }
    }

    /// <summary>The candle of the period that starts at <paramref name="start"/> (its ticks in [start, start + period)).</summary>
    /// <param name="symbol">The asset.</param>
    /// <param name="start">The period's start.</param>
    /// <param name="period">The period's length (at least one tick interval).</param>
    /// <returns>The candle; its <see cref="Candle.Volume"/> is the number of ticks it summarises.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is shorter than the asset's tick interval.</exception>
    public Candle CandleAt(string symbol, DateTimeOffset start, TimeSpan period)
    {
        var asset = Require(symbol);
        if (period < asset.TickInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A candle of '{symbol}' spans at least one tick interval ({asset.TickInterval}).");
        }

        decimal open = 0, high = decimal.MinValue, low = decimal.MaxValue, close = 0;
        var count = 0;
        foreach (var tick in Ticks(symbol, start, start + period))
        {
            if (count++ == 0)
            {
                open = tick.Price;
            }

            high = Math.Max(high, tick.Price);
            low = Math.Min(low, tick.Price);
            close = tick.Price;
        }

        return new Candle(start, open, high, low, close, count);
    }

    /// <summary>
    /// Forces the price of the tick at <paramref name="time"/> (tests: a close above, below or equal to the open price). The
    /// price is rounded to the asset's precision.
    /// </summary>
    /// <param name="symbol">The asset.</param>
    /// <param name="time">An instant within the tick to force.</param>
    /// <param name="price">The price.</param>
    public void Script(string symbol, DateTimeOffset time, decimal price)
    {
        var asset = Require(symbol);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(price, 0m);
        _scripted[(symbol, StepAt(asset, time))] = Math.Round(price, asset.Precision, MidpointRounding.ToEven);
    }

    /// <summary>The tick step that contains <paramref name="time"/>: whole tick intervals since the Unix epoch.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="time">The instant.</param>
    /// <returns>The step.</returns>
    public static long StepAt(SimulatedAsset asset, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var ticks = (time - DateTimeOffset.UnixEpoch).Ticks;
        var interval = asset.TickInterval.Ticks;
        return ticks >= 0 ? ticks / interval : -((-ticks + interval - 1) / interval);
    }

    /// <summary>When tick <paramref name="step"/> happens.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="step">The step.</param>
    /// <returns>The instant.</returns>
    public static DateTimeOffset TimeOfStep(SimulatedAsset asset, long step)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(step * asset.TickInterval.Ticks);
    }

    private decimal PriceAtStep(SimulatedAsset asset, long step)
    {
        if (_scripted.TryGetValue((asset.Symbol, step), out var scripted))
        {
            return scripted;
        }

        var sigma = asset.Volatility * Math.Sqrt(asset.TickInterval.TotalSeconds) * Scale;
        var price = (double)asset.BasePrice * Math.Exp(sigma * Noise((ulong)asset.Id, step));
        return Math.Round((decimal)price, asset.Precision, MidpointRounding.ToEven);
    }

    // Fractional Brownian noise: octave k interpolates lattice values 2^k steps apart, with amplitude √(2^k).
    private double Noise(ulong asset, long step)
    {
        var sum = 0.0;
        for (var k = 0; k < Octaves; k++)
        {
            var span = 1L << k;
            var cell = Math.DivRem(step, span, out var within);
            if (within < 0)
            {
                cell--;
                within += span;
            }

            var t = (double)within / span;
            var a = Lattice(asset, k, cell);
            var b = Lattice(asset, k, cell + 1);
            sum += Math.Sqrt(span) * (a + ((b - a) * t));
        }

        return sum;
    }

    // A counter-based generator (SplitMix64's finaliser over the key): uniform in [-1, 1), the same for the same key.
    private double Lattice(ulong asset, int octave, long cell)
    {
        var x = _seed ^ (asset * 0x9E3779B97F4A7C15UL) ^ ((ulong)octave * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)cell * 0x165667B19E3779F9UL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return ((x >> 11) * (1.0 / (1UL << 53)) * 2.0) - 1.0;
    }

    private SimulatedAsset Require(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return _assets.TryGetValue(symbol, out var asset)
            ? asset
            : throw new KeyNotFoundException($"The simulated market has no asset '{symbol}'; see PriceFeed.Assets for the symbols it has.");
    }
}
