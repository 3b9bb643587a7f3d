using Protocol.PocketOption.Wire.Trading;

namespace Protocol.PocketOption.Trading.PendingOrders;

/// <summary>
/// Pending orders: open one, cancel one, cancel several. The platform echoes no request id, so each answer goes to the oldest
/// pending request of its kind (first in, first out), narrowed by the ticket, asset or amount when the answer names one. Its
/// handlers keep <see cref="PocketOptionState.PendingOrders"/> current. Use it through <see cref="PocketOptionTrading"/>.
/// </summary>
[ProtocolModule("po-pending-orders", typeof(PocketOptionState))]
public sealed partial class PendingOrdersModule
{
    [ModuleCommand]
    private static bool OpenPendingOrder(OpenPendingOrder request, SuccessOpenPendingOrder response) => true;

    [ModuleCommandFailure(nameof(OpenPendingOrder))]
    private static PendingOrderRejectedException? OpenPendingOrderFailed(OpenPendingOrder request, FailOpenPendingOrder failure)
        => (failure.Asset is null || failure.Asset == request.Asset) && (failure.Amount is null || failure.Amount == request.Amount)
            ? new PendingOrderRejectedException("open", failure.Error)
            : null;

    [ModuleCommand]
    private static bool CancelPendingOrder(CancelPendingOrder request, SuccessCancelPendingOrder response)
        => response.Success != false && (response.Ticket is null || response.Ticket == request.Ticket);

    // {"id":…,"success":false} is a refusal that arrives under the success name.
    [ModuleCommandFailure(nameof(CancelPendingOrder))]
    private static PendingOrderRejectedException? CancelPendingOrderRefused(CancelPendingOrder request, SuccessCancelPendingOrder response)
        => response.Success == false && (response.Ticket is null || response.Ticket == request.Ticket)
            ? new PendingOrderRejectedException("cancel", $"the platform reported success: false for {response.Ticket ?? response.Id ?? request.Ticket}")
            : null;

    [ModuleCommandFailure(nameof(CancelPendingOrder))]
    private static PendingOrderRejectedException? CancelPendingOrderFailed(CancelPendingOrder request, FailCancelPendingOrder failure)
        => failure.Ticket is null || failure.Ticket == request.Ticket ? new PendingOrderRejectedException("cancel", failure.Error) : null;

    [ModuleCommand]
    private static bool CancelPendingOrders(CancelPendingOrders request, SuccessCancelPendingOrders response) => true;

    [ModuleCommandFailure(nameof(CancelPendingOrders))]
    private static PendingOrderRejectedException? CancelPendingOrdersFailed(CancelPendingOrders request, FailCancelPendingOrders failure)
        => new("cancel several", failure.Error);

    // The handlers run before the caller resumes, so the book is current when OpenPendingOrderAsync or a cancel returns; a late
    // answer (after its call timed out) still lands in the book, so no placed order is hidden.
    [ModuleHandler]
    private void OnPlaced(SuccessOpenPendingOrder placed) => Context.State.PendingOrders.Placed(placed.Order);

    [ModuleHandler]
    private void OnCancelled(SuccessCancelPendingOrder cancelled)
    {
        if (cancelled.Success != false && (cancelled.Ticket ?? cancelled.Id) is { } ticket)
        {
            Context.State.PendingOrders.RemoveByTicketOrId(ticket);
        }
    }

    [ModuleHandler]
    private void OnCancelledSeveral(SuccessCancelPendingOrders cancelled)
    {
        foreach (var ticket in cancelled.CancelledTickets())
        {
            Context.State.PendingOrders.RemoveByTicketOrId(ticket);
        }
    }
}
