using Microsoft.Extensions.Logging;

namespace Protocol;

// Runs one registered module: creates an instance, runs it, and on a crash logs, counts and restarts a fresh instance
// after an exponential backoff (reset once an instance has run for ModuleStableAfter). A clean return ends it.
internal sealed class ModuleSupervisor<TState>(
    ModuleRoute route,
    ModuleContext<TState> context,
    Func<ModuleContext<TState>, IModule> factory,
    IClientRuntime runtime,
    Random random)
    where TState : class
{
    private readonly BackoffSchedule _backoff = new(runtime.Options.ModuleRestartBase, runtime.Options.ModuleRestartCap, 0.2, random);
    private int _restarts;
    private volatile bool _running;

    public ModuleRoute Route => route;

    public int Restarts => Volatile.Read(ref _restarts);

    public ModuleInfo Snapshot() => new(route.Name, route.Kind, Restarts, route.Dropped, _running);

    public async Task RunAsync(CancellationToken stop)
    {
        var crashes = 0;
        var timeProvider = runtime.TimeProvider;
        var first = true;
        while (!stop.IsCancellationRequested)
        {
            TimeSpan delay;
            Exception crash;
            var started = timeProvider.GetTimestamp();
            try
            {
                // The first run uses the instance built with the client (receive-path sinks already call it); a restart
                // replaces it, and the sinks follow.
                var module = first && context.Instance is { } built ? built : factory(context);
                first = false;
                context.Instance = module;
                _running = true;
                await module.RunAsync(stop).ConfigureAwait(false);
                _running = false;
                RuntimeLog.ModuleFinished(context.Logger, route.Name);
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                _running = false;
                return;
            }
            catch (Exception error)
            {
                _running = false;
                crashes = timeProvider.GetElapsedTime(started) >= runtime.Options.ModuleStableAfter ? 1 : crashes + 1;
                delay = _backoff.GetDelay(crashes);
                crash = error;
            }

            // Arm the restart timer before reporting the crash, so whoever reacts to the report sees it scheduled.
            var wait = Task.Delay(delay, timeProvider, stop);
            runtime.Telemetry.Error("module_crash");
            RuntimeLog.ModuleCrashed(context.Logger, route.Name, Restarts + 1, delay, crash);
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _restarts);
            runtime.Telemetry.ModuleRestarted(route.Name);
        }
    }
}
