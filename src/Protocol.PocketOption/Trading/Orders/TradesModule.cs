using Protocol.PocketOption.Trading.Deals;
using Protocol.PocketOption.Wire.Trading;

namespace Protocol.PocketOption.Trading.Orders;

/// <summary>
/// Places quick trades: <c>openOrder</c> answered by the <c>successopenOrder</c> that echoes its <c>requestId</c>, or refused by a
/// <c>failopenOrder</c> (no id on the wire: the oldest pending order on the same asset and amount takes it). Use it through
/// <see cref="PocketOptionTrading"/>, which checks an order before it is sent.
/// </summary>
[ProtocolModule("po-trades", typeof(PocketOptionState))]
public sealed partial class TradesModule
{
    [ModuleCommand]
    private static bool OpenOrder(OpenOrder request, SuccessOpenOrder response) => response.Deal.RequestId == request.RequestId;

    [ModuleCommandFailure(nameof(OpenOrder))]
    private static OrderRejectedException? OpenOrderFailed(OpenOrder request, FailOpenOrder failure)
        => failure.Asset == request.Asset && failure.Amount == request.Amount ? new OrderRejectedException(failure.Error, request.Asset, request.Amount, request.RequestId) : null;

    // Runs before the order's caller resumes, so the deal is in the book when BuyAsync returns; a late answer (after the order
    // failed with "outcome unknown") lands here too and is flagged by the book.
    [ModuleHandler]
    private void OnOpened(SuccessOpenOrder opened) => DealBookUpdates.Opened(Context, opened.Deal);
}
