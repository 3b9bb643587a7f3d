namespace Protocol.PocketOption.Simulator.Market;

/// <summary>One price of an asset at one instant (an <c>updateStream</c> triple without its symbol).</summary>
/// <param name="Time">When.</param>
/// <param name="Price">The price, rounded to the asset's precision.</param>
public readonly record struct Tick(DateTimeOffset Time, decimal Price);
