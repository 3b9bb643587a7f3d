using Microsoft.Extensions.Logging;
using Protocol.PocketOption.Wire.Trading;

namespace Protocol.PocketOption.Trading.Deals;

// What the trading modules' handlers do with a deal: record it, then raise the book's event outside its lock. A user handler
// that throws is logged and does not restart the module (the deal is recorded either way).
internal static partial class DealBookUpdates
{
    public static void Opened(ModuleContext<PocketOptionState> context, Deal deal)
    {
        if (context.State.Deals.RecordOpened(deal) is not { } e)
        {
            return;
        }

        if (e.IsLateAnswer)
        {
            LateDeal(context.Logger, deal.Id);
        }

        try
        {
            context.State.Deals.Raise(e);
        }
        catch (Exception error)
        {
            HandlerFailed(context.Logger, nameof(DealBook.DealOpened), error);
        }
    }

    public static void Closed(ModuleContext<PocketOptionState> context, Deal deal)
    {
        if (context.State.Deals.RecordClosed(deal) is not { } e)
        {
            return;
        }

        try
        {
            context.State.Deals.Raise(e);
        }
        catch (Exception error)
        {
            HandlerFailed(context.Logger, nameof(DealBook.DealClosed), error);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Deal {DealId} opened for an order whose outcome had been reported unknown; it is in the open deals")]
    private static partial void LateDeal(ILogger logger, string dealId);

    [LoggerMessage(2, LogLevel.Error, "A {Event} handler threw; the deal is recorded all the same")]
    private static partial void HandlerFailed(ILogger logger, string @event, Exception error);
}
