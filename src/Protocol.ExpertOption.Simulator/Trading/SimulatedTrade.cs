namespace Protocol.ExpertOption.Simulator.Trading;

/// <summary>An open or closed option in the simulator.</summary>
internal sealed class SimulatedTrade
{
    public required long Id { get; init; }

    public required int AssetId { get; init; }

    public required int Type { get; init; }

    public required decimal Amount { get; init; }

    public required long StrikeTime { get; init; }

    public required decimal StrikeRate { get; init; }

    public required long ExpirationTime { get; init; }

    public required int Payout { get; init; }

    public required int IsDemo { get; init; }

    public decimal ExpirationRate { get; set; }

    public int Status { get; set; }

    public decimal ResultAmount { get; set; }
}
