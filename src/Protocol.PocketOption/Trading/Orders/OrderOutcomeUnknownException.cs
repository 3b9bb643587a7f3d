namespace Protocol.PocketOption.Trading.Orders;

/// <summary>
/// An order was written to the platform but its answer never came (it timed out, or the connection was lost after its frame
/// was written): the trade may or may not be open. It is never re-sent. If the platform opened it, the deal shows up later in
/// <see cref="Deals.DealBook"/> (from a late <c>successopenOrder</c> or from <c>updateOpenedDeals</c>), raising
/// <see cref="Deals.DealBook.DealOpened"/> with <see cref="Deals.DealOpenedEventArgs.IsLateAnswer"/> set; find it with
/// <see cref="Deals.DealBook.TryGetByRequestId"/> and <see cref="RequestId"/>.
/// </summary>
public sealed class OrderOutcomeUnknownException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="requestId">The order's request id.</param>
    /// <param name="asset">The order's asset.</param>
    /// <param name="amount">The order's stake.</param>
    /// <param name="innerException">Why no answer came (a timeout or a lost connection).</param>
    public OrderOutcomeUnknownException(string requestId, string asset, decimal amount, Exception innerException)
        : base($"The order of {amount} on {asset} (request id {requestId}) was sent but its answer never came ({Describe(innerException)}); the trade may be open. " +
               "It was NOT re-sent: look for the request id in the open deals (DealBook.TryGetByRequestId, or the DealOpened event with IsLateAnswer) before placing it again.", innerException)
    {
        RequestId = requestId;
        Asset = asset;
        Amount = amount;
    }

    /// <summary>The request id the order was sent with; a deal the platform opened for it carries it.</summary>
    public string RequestId { get; }

    /// <summary>The order's asset.</summary>
    public string Asset { get; }

    /// <summary>The order's stake.</summary>
    public decimal Amount { get; }

    private static string Describe(Exception error) => error switch
    {
        TimeoutException => "no answer in time",
        ConnectionLostException => "the connection was lost",
        OperationCanceledException => "the caller cancelled",
        _ => error.GetType().Name,
    };
}
