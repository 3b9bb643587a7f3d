namespace Protocol.Trading.Trades;

/// <summary>Why an order was refused before it was sent (<see cref="TradeCheckException.Problem"/>).</summary>
public enum TradeCheckProblem
{
    /// <summary>The platform lists no asset with this id (or the asset list has not arrived yet).</summary>
    UnknownAsset,

    /// <summary>The asset exists but cannot be traded now.</summary>
    InactiveAsset,

    /// <summary>The stake is outside the asset's (or the platform's) limits.</summary>
    AmountOutOfRange,

    /// <summary>The expiry is not one the asset accepts.</summary>
    ExpiryNotAllowed,
}
