using Microsoft.Extensions.Logging;
using Protocol.Infrastructure;

namespace Protocol;

// What happens around Ready on every session: the on-Ready hooks between login accepted and Ready, then the periodic
// sends for as long as that session is Ready. Kept out of ClientRunner so the state machine stays one readable loop.
internal sealed class ReadyLifecycle<TState>
    where TState : class
{
    private readonly TState _state;
    private readonly (string Name, ReadyHook<TState> Hook)[] _hooks;
    private readonly PeriodicSend<TState>[] _periodic;
    private readonly ClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ClientTelemetry _telemetry;

    public ReadyLifecycle(TState state, (string, ReadyHook<TState>)[] hooks, PeriodicSend<TState>[] periodic, ClientOptions options, TimeProvider timeProvider, ILogger logger, ClientTelemetry telemetry)
    {
        _telemetry = telemetry;
        _state = state;
        _hooks = hooks;
        _periodic = periodic;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    // Restores what the client's keyed subscriptions had started (see KeyedSubscriptionSet), in registration order, each
    // bounded by CallbackTimeout, after the login and before the hooks, so a hook (and whoever reacts to Ready) finds the
    // streams running. Unlike a hook, a starter that fails or overruns fails the session (ConnectionFailedException: closed,
    // retried with backoff): its sends did not go out, and a Ready client with silently dry subscriptions would hide a gap.
    // A starter turns what is not about sending (a message factory that throws) into a typed end of its own subscribers.
    public async Task RunStartersAsync(ISessionStarter[] starters, object session, Func<OutgoingMessage, CancellationToken, ValueTask> send, ConnectionEndpoint endpoint, CancellationToken stop)
    {
        foreach (var starter in starters)
        {
            using var timeout = new CancellationTokenSource(_options.CallbackTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
            try
            {
                // Bounded by the linked token, not WaitAsync(timeout, TimeProvider): that one's timer is disposed only after the
                // code awaiting it has run on, so it would still be armed when Ready is announced.
                await starter.StartAsync(session, send, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error) when (error is TimeoutException || (error is OperationCanceledException && timeout.IsCancellationRequested))
            {
                await linked.CancelAsync().ConfigureAwait(false);
                _telemetry.Error("session_starter");
                LifecycleLog.SessionStarterTimedOut(_logger, starter.Name, _options.CallbackTimeout);
                throw new ConnectionFailedException($"Restoring the subscriptions of '{starter.Name}' on {endpoint} did not finish within {_options.CallbackTimeout} (CallbackTimeout); the session is closed and retried with backoff.");
            }
            catch (Exception error)
            {
                _telemetry.Error("session_starter");
                LifecycleLog.SessionStarterFailed(_logger, starter.Name, error);
                throw new ConnectionFailedException($"Restoring the subscriptions of '{starter.Name}' on {endpoint} failed: {error.Message} The session is closed and retried with backoff.", error);
            }
        }
    }

    // Runs every hook in order. Returns when the session may become Ready; throws ConnectionFailedException when a hook
    // asked to fail it (a failed attempt: the runner closes the session and backs off).
    public async Task RunHooksAsync(ReadyContext<TState> context, CancellationToken stop)
    {
        foreach (var (name, hook) in _hooks)
        {
            using var timeout = new CancellationTokenSource(_options.CallbackTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
            try
            {
                // Bounded by the linked token (abandoned even if the hook ignores it), for the same reason as the starters.
                await hook(context, linked.Token).AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error) when (error is TimeoutException || (error is OperationCanceledException && timeout.IsCancellationRequested))
            {
                // Abandoned: tell the hook, whichever of the two timers fired first.
                await linked.CancelAsync().ConfigureAwait(false);
                _telemetry.Error("ready_hook");
                LifecycleLog.ReadyHookTimedOut(_logger, name, _options.CallbackTimeout);
            }
            catch (Exception error)
            {
                _telemetry.Error("ready_hook");
                LifecycleLog.ReadyHookFailed(_logger, name, error);
            }

            if (context.FailureReason is { } reason)
            {
                LifecycleLog.SessionFailedByHook(_logger, name, reason);
                throw new ConnectionFailedException($"The on-Ready hook '{name}' failed the session on {context.Endpoint}: {reason}. Reconnecting with backoff.");
            }
        }
    }

    // Starts one loop per Every(...) declaration on this session. The timers are created here, synchronously, so a test
    // that advances the clock right after Ready cannot slip past them.
    public PeriodicRun StartPeriodic(Func<OutgoingMessage, CancellationToken, ValueTask> send, CancellationToken stop)
    {
        if (_periodic.Length == 0)
        {
            return new PeriodicRun(null, [], _options.CloseTimeout, _timeProvider, _logger);
        }

        var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var loops = new Task[_periodic.Length];
        for (var i = 0; i < loops.Length; i++)
        {
            var periodic = _periodic[i];
            var timer = new PeriodicTimer(periodic.Period, _timeProvider);
            loops[i] = RunAsync(periodic, timer, send, cancel.Token);
        }

        return new PeriodicRun(cancel, loops, _options.CloseTimeout, _timeProvider, _logger);
    }

    private async Task RunAsync(PeriodicSend<TState> periodic, PeriodicTimer timer, Func<OutgoingMessage, CancellationToken, ValueTask> send, CancellationToken cancel)
    {
        using (timer)
        {
            try
            {
                // PeriodicTimer coalesces missed ticks, so a slow send never queues a burst behind it.
                while (await timer.WaitForNextTickAsync(cancel).ConfigureAwait(false))
                {
                    // The tick may resume us on the timer's own thread (a fake clock's Advance): leave it before running
                    // the message factory and the send, so neither can hold up whoever drives the clock.
                    await Task.Yield();
                    try
                    {
                        await periodic.Send(_state, send, cancel).ConfigureAwait(false);
                    }
                    catch (Exception error)
                    {
                        if (cancel.IsCancellationRequested)
                        {
                            // The session left Ready while sending: whatever the send threw, the loop is over.
                            return;
                        }

                        // Not fatal: a keep-alive that fails once is tried again on the next tick; a dead session is noticed by the runner.
                        _telemetry.Error("periodic_send");
                        LifecycleLog.PeriodicSendFailed(_logger, periodic.Name, error);
                    }
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // The session left Ready.
            }
        }
    }

    // The periodic loops of one Ready session; stopped (and their timers disposed) when the session leaves Ready.
    internal sealed class PeriodicRun(CancellationTokenSource? cancel, Task[] loops, TimeSpan closeTimeout, TimeProvider timeProvider, ILogger logger)
    {
        public async Task StopAsync()
        {
            if (cancel is null)
            {
                return;
            }

            await cancel.CancelAsync().ConfigureAwait(false);
            try
            {
                await BoundedWait.WaitAsync(Task.WhenAll(loops), closeTimeout, timeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LifecycleLog.PeriodicSendsDidNotStop(logger, closeTimeout);
            }
            finally
            {
                cancel.Dispose();
            }
        }
    }
}
