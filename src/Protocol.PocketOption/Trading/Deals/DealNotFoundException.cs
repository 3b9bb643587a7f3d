namespace Protocol.PocketOption.Trading.Deals;

/// <summary>A deal id is neither among the open deals nor among the kept closed ones.</summary>
public sealed class DealNotFoundException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dealId">The id asked for.</param>
    public DealNotFoundException(string dealId)
        : base($"Deal {dealId} is neither open nor among the newest {DealBook.ClosedCapacity} closed deals. Pass the Id of a deal this client opened or received " +
               "(e.g. from BuyAsync or DealBook.Opened); a result older than the kept closed deals is no longer known.")
        => DealId = dealId;

    /// <summary>The id asked for.</summary>
    public string DealId { get; }
}
