namespace Protocol.PocketOption.Trading.Orders;

/// <summary>The platform refused an order (<c>failopenOrder</c>); nothing was opened and nothing is retried.</summary>
public sealed class OrderRejectedException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The platform's reason, as it sent it.</param>
    /// <param name="asset">The order's asset.</param>
    /// <param name="amount">The order's stake.</param>
    /// <param name="requestId">The order's request id.</param>
    public OrderRejectedException(string reason, string asset, decimal amount, string requestId)
        : base($"PocketOption refused the order of {amount} on {asset}: {(string.IsNullOrWhiteSpace(reason) ? "(no reason given)" : reason)}. Nothing was opened and it was not retried; fix the order (or the account, e.g. its balance) before placing it again.")
    {
        Reason = reason;
        Asset = asset;
        Amount = amount;
        RequestId = requestId;
    }

    /// <summary>The platform's reason, as it sent it.</summary>
    public string Reason { get; }

    /// <summary>The order's asset.</summary>
    public string Asset { get; }

    /// <summary>The order's stake.</summary>
    public decimal Amount { get; }

    /// <summary>The order's request id.</summary>
    public string RequestId { get; }
}
