namespace Protocol.PocketOption.Simulator.Market;

/// <summary>The ticks of one period of one asset, summarised.</summary>
/// <param name="Start">The period's start (aligned to the period).</param>
/// <param name="Open">The first tick's price.</param>
/// <param name="High">The highest price.</param>
/// <param name="Low">The lowest price.</param>
/// <param name="Close">The last tick's price.</param>
/// <param name="TickCount">How many ticks it summarises.</param>
public readonly record struct Candle(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, int TickCount);
