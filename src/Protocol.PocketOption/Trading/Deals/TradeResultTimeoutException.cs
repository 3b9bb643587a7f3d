
namespace Protocol.PocketOption.Trading.Deals;

/// <summary>A deal did not close within the wait for its result. The deal may still close: its result then appears in the closed deals.</summary>
public sealed class TradeResultTimeoutException : OperationTimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dealId">The deal.</param>
    /// <param name="timeout">How long was waited.</param>
    public TradeResultTimeoutException(string dealId, TimeSpan timeout)
        : base("CheckResult", timeout, $"Deal {dealId} did not close within {timeout}. It may still close: read DealBook.Closed or call CheckResultAsync again with a longer timeout.")
        => DealId = dealId;

    /// <summary>The deal.</summary>
    public string DealId { get; }
}
