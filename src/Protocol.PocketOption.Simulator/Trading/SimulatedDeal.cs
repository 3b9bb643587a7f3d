using Protocol.PocketOption.Simulator.Market;

namespace Protocol.PocketOption.Simulator.Trading;

/// <summary>One order of the simulator, open or closed. Its closing fields change once, under its account's gate.</summary>
internal sealed class SimulatedDeal
{
    public required Guid Id { get; init; }

    /// <summary>The client's <c>requestId</c> as raw JSON (a UUID string or a number, echoed as it came), or null.</summary>
    public required string? RequestIdJson { get; init; }

    public required long Uid { get; init; }

    public required bool IsDemo { get; init; }

    public required SimulatedAsset Asset { get; init; }

    /// <summary>0 = call, 1 = put (the Deal's <c>command</c>).</summary>
    public required int Command { get; init; }

    public required decimal Amount { get; init; }

    /// <summary>The asset's payout when the order was opened.</summary>
    public required int Payout { get; init; }

    public required DateTimeOffset OpenTime { get; init; }

    public required DateTimeOffset CloseTime { get; init; }

    public required decimal OpenPrice { get; init; }

    public decimal ClosePrice { get; set; }

    /// <summary>The net result: amount × payout / 100 on a win, −amount on a loss, 0 on a draw (and while open).</summary>
    public decimal Profit { get; set; }

    public bool IsClosed { get; set; }
}
