namespace Protocol.PocketOption.Trading.PendingOrders;

/// <summary>The platform refused a pending-order request (<c>failopenPendingOrder</c>, <c>failcancelPendingOrder(s)</c>); nothing is retried.</summary>
public sealed class PendingOrderRejectedException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was refused: <c>open</c>, <c>cancel</c> or <c>cancel several</c>.</param>
    /// <param name="reason">The platform's reason, as it sent it.</param>
    public PendingOrderRejectedException(string operation, string reason)
        : base($"PocketOption refused to {operation} the pending order: {(string.IsNullOrWhiteSpace(reason) ? "(no reason given)" : reason)}. It was not retried; fix the request (ticket, price, time, amount) before sending it again.")
    {
        Operation = operation;
        Reason = reason;
    }

    /// <summary>What was refused: <c>open</c>, <c>cancel</c> or <c>cancel several</c>.</summary>
    public string Operation { get; }

    /// <summary>The platform's reason, as it sent it.</summary>
    public string Reason { get; }
}
