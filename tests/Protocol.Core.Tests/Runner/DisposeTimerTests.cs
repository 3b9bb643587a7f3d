using Protocol.Core.Tests.Support;
using Protocol.Infrastructure;
using Protocol.Testing;

namespace Protocol.Core.Tests.Runner;

// DisposeAsync waits (bounded by CloseTimeout) for modules that are still stopping. That bound's timer must be disposed
// before DisposeAsync completes: the code that awaits DisposeAsync may run on the thread that ended the last module, before
// anything after the completion runs, and must find no timer left.
public sealed class DisposeTimerTests
{
    [Fact]
    public async Task No_timer_is_armed_when_DisposeAsync_completes_after_waiting_for_a_module_to_stop()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var h = new Harness(configure: b => b.AddLightweightModule("slow-stop", Validator.Custom(m => m.Name.SequenceEqual("hold"u8)), ctx => new SlowStopModule(ctx, entered, gate)));
        var connection = await h.ConnectReadyAsync();
        connection.PushText("""{"action":"hold"}""");
        await entered.Task.WithSafetyNet();
        h.Time.ActiveTimerCount.ShouldBe(0, "no keep-alive and no wait is armed before disposal");

        var disposing = h.Client.DisposeAsync().AsTask();

        // Runs on the thread that completes DisposeAsync, at that moment: what an awaiting caller sees first.
        var armedAtCompletion = disposing.ContinueWith(_ => h.Time.ActiveTimerCount, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await h.Time.WaitForActiveTimersAsync(1);
        disposing.IsCompleted.ShouldBeFalse("disposal waits for the module that is still stopping");
        await Task.Run(gate.SetResult).WithSafetyNet();

        await disposing.WithSafetyNet();
        (await armedAtCompletion.WithSafetyNet()).ShouldBe(0, "the close bound's timer is disposed before DisposeAsync completes");
        h.Time.ActiveTimerCount.ShouldBe(0);
    }

    // Ignores cancellation while it handles a message, so disposal has to wait for it.
    private sealed class SlowStopModule(ModuleContext<TestState> context, TaskCompletionSource entered, TaskCompletionSource gate) : LightweightModule<TestState>(context)
    {
        protected override async ValueTask OnMessageAsync(MessageLease message, CancellationToken cancellationToken)
        {
            entered.TrySetResult();
            await gate.Task.ConfigureAwait(false);
        }
    }
}
