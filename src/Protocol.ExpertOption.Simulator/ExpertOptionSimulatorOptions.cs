using Protocol.ExpertOption.Simulator.Market;
using Protocol.Simulation.Market;

namespace Protocol.ExpertOption.Simulator;

/// <summary>The settings of an <see cref="ExpertOptionSimulator"/>.</summary>
public sealed class ExpertOptionSimulatorOptions
{
    /// <summary>The tokens the simulator accepts (any other gets <c>ERROR_INCORRECT_TOKEN</c>); each is its own account.</summary>
    public IReadOnlySet<string> ValidTokens { get; set; } = new HashSet<string>(StringComparer.Ordinal) { "0123456789abcdef0123456789abcdef" };

    /// <summary>Each account's demo balance at start; 10,000 by default.</summary>
    public decimal DemoBalance { get; set; } = 10_000m;

    /// <summary>The assets offered.</summary>
    public IReadOnlyList<SimulatedAsset> Assets { get; set; } = SimulatedAsset.Defaults;

    /// <summary>Chooses the market: the same seed gives the same prices (the shared feed of <c>Protocol.Simulation</c>).</summary>
    public ulong Seed { get; set; } = PriceFeed<SimulatedAsset>.DefaultSeed;

    /// <summary>
    /// How often subscribers get a <c>candles</c> push; 500 ms by default (about two frames a second, as captured). Each push
    /// carries every tick of the feed since the previous one, so no tick is skipped whatever the cadence.
    /// </summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the server pings its clients; 10 s by default ([simulator-defined]: the real interval is unknown).</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a silent client is kept; 90 s by default ([simulator-defined]).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The name of the closing push: <c>closeTradeSuccessful</c> (default, with <c>message.trades</c>) or <c>optionFinished</c>
    /// (with <c>message.options</c>); the sources disagree, the client reads both.
    /// </summary>
    public string ClosePush { get; set; } = "closeTradeSuccessful";

    /// <summary>
    /// Whether the <c>buyOption</c> answer carries <c>trade_id</c> (default) or is empty, as one client describes it; the client
    /// then identifies its trade by the opening push.
    /// </summary>
    public bool BuyReplyCarriesTradeId { get; set; } = true;

    /// <summary>The clock of the feed, pings, expiries and timeouts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(ValidTokens);
        ArgumentNullException.ThrowIfNull(Assets);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (Assets.Count == 0)
        {
            throw new ArgumentException("Assets must list at least one asset (leave it at SimulatedAsset.Defaults or list some).", nameof(Assets));
        }

        if (TickInterval <= TimeSpan.Zero || PingInterval <= TimeSpan.Zero || IdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TickInterval), "TickInterval, PingInterval and IdleTimeout must be positive.");
        }

        if (ClosePush is not ("closeTradeSuccessful" or "optionFinished"))
        {
            throw new ArgumentException($"ClosePush is 'closeTradeSuccessful' or 'optionFinished', not '{ClosePush}'.", nameof(ClosePush));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port is 0 (pick a free one) or a TCP port.");
        }
    }
}
