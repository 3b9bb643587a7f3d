using Protocol.PocketOption.Wire.Trading;

namespace Protocol.PocketOption.Trading.Deals;

/// <summary>
/// Keeps <see cref="PocketOptionState.Deals"/> current from <c>updateOpenedDeals</c>, <c>updateClosedDeals</c> and
/// <c>successcloseOrder</c>, and lets a caller wait for a deal to close (what <c>CheckResultAsync</c> stands on).
/// </summary>
[ProtocolModule("po-deals", typeof(PocketOptionState))]
public sealed partial class DealsModule
{
    [ModuleHandler]
    private void OnOpenedDeals(UpdateOpenedDeals update)
    {
        foreach (var deal in update.Deals)
        {
            DealBookUpdates.Opened(Context, deal);
        }
    }

    [ModuleHandler]
    private void OnClosedDeals(UpdateClosedDeals update)
    {
        foreach (var deal in update.Deals)
        {
            DealBookUpdates.Closed(Context, deal);
        }
    }

    [ModuleHandler]
    private void OnOrderClosed(SuccessCloseOrder closed)
    {
        foreach (var deal in closed.Deals)
        {
            DealBookUpdates.Closed(Context, deal);
        }
    }

    // Waits complete after the handlers above ran, so a completed wait finds the deal in the closed deals.
    [ModuleWait]
    private static bool DealClosed(string dealId, UpdateClosedDeals update) => update.Deals.Exists(d => d.Id == dealId);

    [ModuleWait]
    private static bool DealClosedByOrder(string dealId, SuccessCloseOrder closed) => closed.Deals.Exists(d => d.Id == dealId);
}
