namespace Protocol.PocketOption.Trading.Orders;

/// <summary>Why an order was refused before it was sent (<see cref="OrderCheckException.Problem"/>).</summary>
public enum OrderProblem
{
    /// <summary>The asset is not in the platform's asset list (or the list has not arrived yet).</summary>
    UnknownAsset,

    /// <summary>The asset exists but cannot be traded now.</summary>
    InactiveAsset,

    /// <summary>The expiry is not one the asset accepts (or not a positive whole number of seconds).</summary>
    ExpiryNotAllowed,

    /// <summary>The amount is outside <see cref="PocketOptionTradingOptions.MinAmount"/>–<see cref="PocketOptionTradingOptions.MaxAmount"/>.</summary>
    AmountOutOfRange,
}
