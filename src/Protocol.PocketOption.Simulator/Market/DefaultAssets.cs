using Protocol.Trading.Market;

namespace Protocol.PocketOption.Simulator.Market;

/// <summary>
/// The simulator's default market: currency pairs (live and OTC), stocks, commodities, crypto and an index, one inactive
/// asset, payouts from 50 to 92 %. Ids, payouts, expiries, base prices and volatilities are [simulator-defined]: realistic,
/// not the platform's live values.
/// </summary>
public static class DefaultAssets
{
    private static readonly int[] ShortExpiries = [5, 10, 15, 30, 60, 120, 180, 300, 600, 900, 1800, 3600, 14400];
    private static readonly int[] MinuteExpiries = [60, 120, 180, 300, 600, 900, 1800, 3600, 14400];

    /// <summary>Every default asset.</summary>
    public static IReadOnlyList<SimulatedAsset> All { get; } =
    [
        Pair(1, "EURUSD", "EUR/USD", 85, false, 1.08350m),
        Pair(66, "EURUSD_otc", "EUR/USD OTC", 92, true, 1.08350m),
        Pair(2, "GBPUSD", "GBP/USD", 83, false, 1.26800m),
        Pair(86, "GBPUSD_otc", "GBP/USD OTC", 90, true, 1.26800m),
        Pair(63, "USDJPY", "USD/JPY", 80, false, 149.500m, precision: 3),
        Pair(145, "USDJPY_otc", "USD/JPY OTC", 88, true, 149.500m, precision: 3),
        Pair(67, "AUDCAD_otc", "AUD/CAD OTC", 87, true, 0.90120m),
        Pair(144, "EURJPY_otc", "EUR/JPY OTC", 86, true, 161.980m, precision: 3),
        Pair(150, "NZDJPY_otc", "NZD/JPY OTC", 75, true, 89.120m, precision: 3) with { IsActive = false },
        new(5, "AAPL", "Apple", AssetKind.Stock, 50, false, true, MinuteExpiries, 2, 227.50m, 0.00012, TimeSpan.FromSeconds(1)),
        new(170, "AAPL_otc", "Apple OTC", AssetKind.Stock, 82, true, true, ShortExpiries, 2, 227.50m, 0.00012, TimeSpan.FromSeconds(1)),
        new(185, "TSLA_otc", "Tesla OTC", AssetKind.Stock, 80, true, true, ShortExpiries, 2, 248.90m, 0.00025, TimeSpan.FromSeconds(1)),
        new(20, "XAUUSD", "Gold", AssetKind.Commodity, 78, false, true, MinuteExpiries, 2, 2650.40m, 0.00006, TimeSpan.FromSeconds(1)),
        new(197, "UKBrent_otc", "Brent Oil OTC", AssetKind.Commodity, 84, true, true, ShortExpiries, 3, 74.820m, 0.0001, TimeSpan.FromSeconds(1)),
        new(463, "BTCUSD", "Bitcoin", AssetKind.Cryptocurrency, 70, false, true, MinuteExpiries, 2, 97250.00m, 0.0003, TimeSpan.FromSeconds(1)),
        new(487, "ETHUSD_otc", "Ethereum OTC", AssetKind.Cryptocurrency, 85, true, true, ShortExpiries, 2, 3420.50m, 0.0004, TimeSpan.FromSeconds(1)),
        new(159, "SP500_otc", "S&P 500 OTC", AssetKind.Index, 81, true, true, ShortExpiries, 2, 6020.25m, 0.00008, TimeSpan.FromSeconds(1)),
    ];

    private static SimulatedAsset Pair(int id, string symbol, string name, int payout, bool otc, decimal price, int precision = 5)
        => new(id, symbol, name, AssetKind.Currency, payout, otc, true, otc ? ShortExpiries : MinuteExpiries, precision, price, 0.00005, TimeSpan.FromMilliseconds(500));
}
