namespace Protocol.Trading.Candles;

/// <summary>One price of an asset at one instant, as a live stream delivers it.</summary>
/// <param name="Time">When the price was quoted.</param>
/// <param name="Price">The price.</param>
public readonly record struct PriceTick(DateTimeOffset Time, decimal Price);
