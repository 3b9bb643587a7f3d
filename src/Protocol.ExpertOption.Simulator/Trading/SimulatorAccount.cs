namespace Protocol.ExpertOption.Simulator.Trading;

/// <summary>One token's account.</summary>
internal sealed class SimulatorAccount(long id, decimal demoBalance)
{
    public Lock Gate { get; } = new();

    public long Id { get; } = id;

    public decimal DemoBalance { get; set; } = demoBalance;

    public decimal RealBalance { get; set; }

    public List<SimulatedTrade> Closed { get; } = [];
}
