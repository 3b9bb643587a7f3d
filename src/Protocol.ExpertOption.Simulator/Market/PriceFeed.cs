namespace Protocol.ExpertOption.Simulator.Market;

/// <summary>
/// A deterministic price per asset: a seeded random walk advanced one step per tick, which a test may override with
/// <see cref="SetPrice"/> (the next steps walk on from there).
/// </summary>
internal sealed class PriceFeed
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, decimal> _prices;
    private readonly Random _random;

    public PriceFeed(IEnumerable<SimulatedAsset> assets, int seed)
    {
        _prices = assets.ToDictionary(a => a.Id, a => a.StartPrice);
        _random = new Random(seed);
    }

    public bool Has(int assetId)
    {
        lock (_gate)
        {
            return _prices.ContainsKey(assetId);
        }
    }

    public decimal Price(int assetId)
    {
        lock (_gate)
        {
            return _prices[assetId];
        }
    }

    public void SetPrice(int assetId, decimal price)
    {
        lock (_gate)
        {
            if (!_prices.ContainsKey(assetId))
            {
                throw new ArgumentException($"The simulator has no asset {assetId}; use one of {string.Join(", ", _prices.Keys)}.", nameof(assetId));
            }

            _prices[assetId] = price;
        }
    }

    // One step of ±0.01 % (at least one unit of the 5th decimal) per asset.
    public IReadOnlyList<(int AssetId, decimal Price)> Step()
    {
        lock (_gate)
        {
            var result = new List<(int, decimal)>(_prices.Count);
            foreach (var id in _prices.Keys.ToArray())
            {
                var price = _prices[id];
                var move = Math.Max(Math.Round(price * 0.0001m, 5), 0.00001m) * (_random.Next(2) == 0 ? -1 : 1);
                _prices[id] = price + move;
                result.Add((id, price + move));
            }

            return result;
        }
    }
}
