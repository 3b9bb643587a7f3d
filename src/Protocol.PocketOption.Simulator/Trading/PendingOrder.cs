using Protocol.PocketOption.Simulator.Accounts;
using Protocol.PocketOption.Simulator.Market;

namespace Protocol.PocketOption.Simulator.Trading;

/// <summary>One pending order of the simulator, waiting for its trigger. Its watch state changes under <see cref="Gate"/>.</summary>
internal sealed class PendingOrder
{
    public required Guid Ticket { get; init; }

    /// <summary>The platform's numeric id: a counter of the simulator, from 1.</summary>
    public required long Id { get; init; }

    public required SimulatorAccount Account { get; init; }

    public required PendingOrderRequest Request { get; init; }

    public required SimulatedAsset Asset { get; init; }

    public required DateTimeOffset Created { get; init; }

    public Lock Gate { get; } = new();

    public ITimer? Timer { get; set; }

    /// <summary>The last tick step a price trigger looked at.</summary>
    public long LastStep { get; set; }

    /// <summary>Where the price was against <c>openPrice</c> when the order was placed: −1 below, +1 above, 0 at it.</summary>
    public int Side { get; set; }
}
