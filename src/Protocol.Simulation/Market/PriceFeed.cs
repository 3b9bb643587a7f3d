using System.Collections.Concurrent;
using Protocol.Trading.Candles;

namespace Protocol.Simulation.Market;

/// <summary>
/// The simulated market's prices, shared by every platform simulator: deterministic, and computable at any instant without
/// replaying the past, so history at any depth and the live ticks always agree, and two simulators with the same seed show
/// the same market. Assets are keyed by <see cref="MarketInstrument.Id"/> (a platform may list one symbol under two ids).
/// </summary>
/// <typeparam name="TAsset">The platform simulator's asset type.</typeparam>
/// <remarks>
/// A price is <c>BasePrice × exp(σ·W(step))</c>, where a step is one tick interval since the Unix epoch and <c>W</c> is
/// fractional Brownian noise: a sum of octaves of value noise whose lattice values come from a counter-based generator
/// keyed by (seed, asset, octave, index). Each octave doubles the time scale and scales its amplitude by √2, so the moves
/// look like a random walk from seconds to weeks while any step is computed in O(octaves). Prices are rounded to the
/// asset's precision, so equal open and close prices (draws) happen as they do on the platform. Tests force a price with
/// <see cref="Script"/>.
/// </remarks>
public class PriceFeed<TAsset>
    where TAsset : MarketInstrument
{
    /// <summary>The seed of the default market.</summary>
    public const ulong DefaultSeed = 0x5EED_0F_70C0;

    private const int Octaves = 22;

    // Scales W so that σ is roughly the relative standard deviation of the price over one second.
    private const double Scale = 0.35;

    private readonly Dictionary<int, TAsset> _assets = [];
    private readonly ConcurrentDictionary<(int Id, long Step), decimal> _scripted = new();
    private readonly ulong _seed;

    /// <summary>Creates a feed for <paramref name="assets"/>.</summary>
    /// <param name="assets">The market's assets (unique ids).</param>
    /// <param name="seed">Chooses the market: the same seed gives the same prices.</param>
    /// <exception cref="ArgumentException">Two assets share an id, or an asset is not valid.</exception>
    public PriceFeed(IEnumerable<TAsset> assets, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(assets);
        foreach (var asset in assets)
        {
            ArgumentNullException.ThrowIfNull(asset, nameof(assets));
            asset.Validate();
            if (!_assets.TryAdd(asset.Id, asset))
            {
                throw new ArgumentException($"Two assets have the id {asset.Id} ('{_assets[asset.Id].Symbol}' and '{asset.Symbol}'); ids are unique.", nameof(assets));
            }
        }

        _seed = seed;
    }

    /// <summary>The market's assets.</summary>
    public IReadOnlyCollection<TAsset> Assets => _assets.Values;

    /// <summary>Finds an asset by id.</summary>
    /// <param name="id">The asset's id.</param>
    /// <param name="asset">The asset.</param>
    /// <returns>Whether the market has it.</returns>
    public bool TryGetAsset(int id, out TAsset asset) => _assets.TryGetValue(id, out asset!);

    /// <summary>The price of the last tick at or before <paramref name="time"/>.</summary>
    /// <param name="id">The asset's id.</param>
    /// <param name="time">The instant.</param>
    /// <returns>The price.</returns>
    /// <exception cref="KeyNotFoundException">The market has no such asset.</exception>
    public decimal PriceAt(int id, DateTimeOffset time)
    {
        var asset = Require(id);
        return PriceAtStep(asset, StepAt(asset, time));
    }

    /// <summary>The last tick at or before <paramref name="time"/>.</summary>
    /// <param name="id">The asset's id.</param>
    /// <param name="time">The instant.</param>
    /// <returns>The tick.</returns>
    /// <exception cref="KeyNotFoundException">The market has no such asset.</exception>
    public PriceTick TickAt(int id, DateTimeOffset time)
    {
        var asset = Require(id);
        var step = StepAt(asset, time);
        return new PriceTick(TimeOfStep(asset, step), PriceAtStep(asset, step));
    }

    /// <summary>The ticks whose time is in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    /// <param name="id">The asset's id.</param>
    /// <param name="from">The first instant (inclusive).</param>
    /// <param name="to">The end (exclusive).</param>
    /// <returns>The ticks.</returns>
    /// <exception cref="KeyNotFoundException">The market has no such asset.</exception>
    public IEnumerable<PriceTick> Ticks(int id, DateTimeOffset from, DateTimeOffset to)
    {
        var asset = Require(id);
        return TicksOf(asset, from, to);
    }

    /// <summary>The candle of the period that starts at <paramref name="start"/> (its ticks in [start, start + period)).</summary>
    /// <param name="id">The asset's id.</param>
    /// <param name="start">The period's start.</param>
    /// <param name="period">The period's length (at least one tick interval).</param>
    /// <returns>The candle; its <see cref="Candle.Volume"/> is the number of ticks it summarises.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is shorter than the asset's tick interval.</exception>
    /// <exception cref="KeyNotFoundException">The market has no such asset.</exception>
    public Candle CandleAt(int id, DateTimeOffset start, TimeSpan period)
    {
        var asset = Require(id);
        if (period < asset.TickInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A candle of '{asset.Symbol}' spans at least one tick interval ({asset.TickInterval}).");
        }

        decimal open = 0, high = decimal.MinValue, low = decimal.MaxValue, close = 0;
        var count = 0;
        foreach (var tick in TicksOf(asset, start, start + period))
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
    /// price is rounded to the asset's precision; the ticks around it keep their computed prices.
    /// </summary>
    /// <param name="id">The asset's id.</param>
    /// <param name="time">An instant within the tick to force.</param>
    /// <param name="price">The price (positive).</param>
    /// <exception cref="KeyNotFoundException">The market has no such asset.</exception>
    public void Script(int id, DateTimeOffset time, decimal price)
    {
        var asset = Require(id);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(price, 0m);
        _scripted[(id, StepAt(asset, time))] = Math.Round(price, asset.Precision, MidpointRounding.ToEven);
    }

    private IEnumerable<PriceTick> TicksOf(TAsset asset, DateTimeOffset from, DateTimeOffset to)
    {
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

    /// <summary>The tick step that contains <paramref name="time"/>: whole tick intervals since the Unix epoch.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="time">The instant.</param>
    /// <returns>The step.</returns>
    public static long StepAt(MarketInstrument asset, DateTimeOffset time)
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
    public static DateTimeOffset TimeOfStep(MarketInstrument asset, long step)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(step * asset.TickInterval.Ticks);
    }

    private decimal PriceAtStep(TAsset asset, long step)
    {
        if (_scripted.TryGetValue((asset.Id, step), out var scripted))
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

    private TAsset Require(int id)
        => _assets.TryGetValue(id, out var asset)
            ? asset
            : throw new KeyNotFoundException($"The simulated market has no asset with id {id}; see PriceFeed.Assets for the assets it has.");
}
