// An API module over the PocketOption fixtures, declared only with the attributes: the generator adds the plumbing, the API
// (TradesApi) and AddTradesModule(). The baseline test feeds this same file to the driver; the runtime tests drive it on a fake connection.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Protocol.Generators.Tests.Fixtures;

public sealed class TradingState
{
    public List<Deal> OpenedDeals { get; } = [];

    // How many commands were still pending when the handler ran: shows the handler runs before the command completes.
    public int PendingWhenHandled { get; set; } = -1;

    // Ticks the asynchronous handler saw, on the module's own pump.
    public int TicksHandled;

    // Released once per tick the asynchronous handler finished: what a test awaits instead of polling.
    public SemaphoreSlim TickHandled { get; } = new(0);

    // Set by a test: the asynchronous handler throws on the next tick (a crash of the module's pump).
    public bool FailNextTick { get; set; }
}

[ProtocolModule("trades", typeof(TradingState))]
[ModuleSend(typeof(ChangeSymbol))]
[ModuleStream(typeof(UpdateStream), "Ticks")]
public sealed partial class TradesModule
{
    // successopenOrder echoes the request id.
    [ModuleCommand]
    private static bool OpenOrder(OpenOrder request, SuccessOpenOrder response) => response.Deal.RequestId == request.RequestId;

    // failopenOrder has no id: the oldest pending order on the same asset and amount takes the failure.
    [ModuleCommandFailure(nameof(OpenOrder))]
    private static string? OpenOrderFailed(OpenOrder request, FailOpenOrder failure) =>
        failure.Asset == request.Asset && failure.Amount == request.Amount ? failure.Error : null;

    // Runs before the command completes, so the caller sees the deal in the state when its await resumes.
    [ModuleHandler]
    private void OnOpened(SuccessOpenOrder opened)
    {
        lock (Context.State.OpenedDeals)
        {
            Context.State.OpenedDeals.Add(opened.Deal);
            Context.State.PendingWhenHandled = Context.Commands.PendingCount;
        }
    }

    // Asynchronous: runs on the module's pump, never on the receive path; throwing crashes the module, which restarts.
    [ModuleHandler]
    private async ValueTask OnTickAsync(UpdateStream update, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (Context.State.FailNextTick)
        {
            Context.State.FailNextTick = false;
            throw new System.InvalidOperationException("tick handler failed on purpose");
        }

        Interlocked.Increment(ref Context.State.TicksHandled);
        Context.State.TickHandled.Release();
    }
}
