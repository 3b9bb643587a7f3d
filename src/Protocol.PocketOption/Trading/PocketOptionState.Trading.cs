using Protocol.PocketOption.Trading.Deals;

namespace Protocol.PocketOption;

// The class-level summary lives in the client's part (Client/PocketOptionState.cs); this part only adds the deal book.
#pragma warning disable CS1591
public sealed partial class PocketOptionState
#pragma warning restore CS1591
{
    /// <summary>
    /// The account's deals: the open ones and the newest closed ones, kept current by the trading modules from
    /// <c>successopenOrder</c>, <c>updateOpenedDeals</c>, <c>updateClosedDeals</c> and <c>successcloseOrder</c>.
    /// </summary>
    public DealBook Deals { get; } = new();
}
