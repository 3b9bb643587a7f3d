namespace Protocol.ExpertOption.Simulator.Market;

/// <summary>An asset the simulator offers.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Symbol">Its symbol.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Payout">The payout in percent.</param>
/// <param name="StartPrice">The feed's first price.</param>
/// <param name="ExpirationStep">Expiries fall on multiples of this many seconds.</param>
/// <param name="PurchaseTime">A deal opens at least this many seconds before its expiry.</param>
public sealed record SimulatedAsset(int Id, string Symbol, string Name, int Payout, decimal StartPrice, int ExpirationStep = 30, int PurchaseTime = 30)
{
    /// <summary>EUR/USD (142), EUR/USD OTC (245) and BTC/USD (160), as in the captured asset list.</summary>
    public static IReadOnlyList<SimulatedAsset> Defaults { get; } =
    [
        new(142, "EURUSD", "EUR/USD", 85, 1.08000m),
        new(245, "EURUSD", "EUR/USD (OTC)", 80, 1.08000m),
        new(160, "BTCUSD", "BTC/USD", 76, 30000.000m),
    ];
}
