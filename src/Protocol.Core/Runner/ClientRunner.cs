using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Protocol;

// The connection lifecycle as one state machine on one loop task:
//   Disconnected -> Connecting -> Connected -> (login, on-Ready hooks) Ready -> drop -> Reconnecting -> Connecting …
//   login rejected / attempts exhausted / disposed -> Closed (terminal).
// Only the loop (and Disconnect/Dispose after stopping it) changes the state, so transitions are ordered.
internal sealed class ClientRunner<TState> : IClientRuntime
    where TState : class
{
    private readonly TState _state;
    private readonly ConnectionFactory _connectionFactory;
    private readonly ConnectionEndpoint[] _endpoints;
    private readonly EndpointProber? _prober;
    private readonly IPlatformLogin<TState>? _login;
    private readonly ReadyLifecycle<TState> _lifecycle;
    private readonly BackoffSchedule _backoff;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenSource _modulesStop = new();
    private Router<TState> _router = null!;
    private MiddlewarePipeline<TState> _middleware = null!;
    private ModuleSupervisor<TState>[] _supervisors = [];
    private CommandChannel[] _commandChannels = [];
    private ISessionStarter[] _starters = [];
    private ConnectionState _connectionState;
    private TaskCompletionSource _ready = NewReady();
    private Exception? _terminalError;
    private Session<TState>? _session;
    private long _sessionId;
    private int _readyCount;
    private int _preferredEndpoint;

    // The order endpoints are tried in (the declared one, a preferred one first, or by measured latency), and whether it must
    // be measured before the next round: at the first connect, then only after every endpoint failed in a row.
    private EndpointLatency[] _order;
    private bool _probeDue;
    private CancellationTokenSource? _loopStop;
    private Task _loop = Task.CompletedTask;
    private Task[] _moduleTasks = [];
    private bool _modulesStarted;
    private bool _disposed;

    public ClientRunner(
        TState state,
        ConnectionFactory connectionFactory,
        ConnectionFactory probeFactory,
        ConnectionEndpoint[] endpoints,
        IPlatformLogin<TState>? login,
        (string, ReadyHook<TState>)[] readyHooks,
        PeriodicSend<TState>[] periodicSends,
        ClientOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        Random random)
    {
        _state = state;
        _connectionFactory = connectionFactory;
        _endpoints = endpoints;
        _login = login;
        Options = options;
        TimeProvider = timeProvider;
        LoggerFactory = loggerFactory;
        Telemetry = new ClientTelemetry(options.Name, options.Platform);
        _logger = loggerFactory.CreateLogger("Protocol.Runner");
        _lifecycle = new ReadyLifecycle<TState>(state, readyHooks, periodicSends, options, timeProvider, _logger, Telemetry);
        _backoff = new BackoffSchedule(options.Reconnect.Base, options.Reconnect.Cap, options.Reconnect.Jitter, random);
        CommandRateLimiter = options.CommandRateLimit is { } limit ? new CommandRateLimiter(limit, timeProvider) : null;
        var order = options.EndpointOrder;
        if (order.PreferredEndpoint is { } preferred)
        {
            // A user's choice wins: that one first, the others as declared (the fall-over), nothing probed.
            _order = [.. endpoints.Where(e => e.Name == preferred).Take(1).Concat(endpoints.Where(e => e.Name != preferred)).Select(e => new EndpointLatency(e, null, Probed: false))];
            EndpointProbeLog.Preferred(_logger, preferred, EndpointProber.Describe(_order));
        }
        else
        {
            _order = [.. endpoints.Select(e => new EndpointLatency(e, null, Probed: false))];
            if (order.ProbeLatency && endpoints.Length > 1)
            {
                // Probes use the bare transport: a recorder would write handshakes no session had.
                _prober = new EndpointProber(probeFactory, timeProvider, order.ProbeTimeout, options.CloseTimeout, _logger);
                _probeDue = true;
            }
        }
    }

    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged;

    public TimeProvider TimeProvider { get; }

    public ClientOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ClientTelemetry Telemetry { get; }

    public CommandRateLimiter? CommandRateLimiter { get; }

    public ILogger Logger => _logger;

    public ConnectionState ConnectionState
    {
        get
        {
            lock (_gate)
            {
                return _connectionState;
            }
        }
    }

    public long SessionId
    {
        get
        {
            lock (_gate)
            {
                return _sessionId;
            }
        }
    }

    public CancellationToken ClientClosed => _closed.Token;

    public Exception? TerminalError
    {
        get
        {
            lock (_gate)
            {
                return _terminalError;
            }
        }
    }

    public IReadOnlyList<ModuleSupervisor<TState>> Supervisors => _supervisors;

    // The order the endpoints are tried in now, with what the last probe measured.
    public IReadOnlyList<EndpointLatency> EndpointOrder
    {
        get
        {
            lock (_gate)
            {
                return _order;
            }
        }
    }

    public Router<TState> Router => _router;

    // Every task the client started; all complete once DisposeAsync returns.
    public IReadOnlyList<Task> BackgroundTasks
    {
        get
        {
            lock (_gate)
            {
                return [_loop, .. _moduleTasks];
            }
        }
    }

    public void AddSessionStarter(ISessionStarter starter)
    {
        lock (_gate)
        {
            _starters = [.. _starters, starter];
        }
    }

    public void Attach(Router<TState> router, MiddlewarePipeline<TState> middleware, ModuleSupervisor<TState>[] supervisors, CommandChannel[] commandChannels)
    {
        _router = router;
        _middleware = middleware;
        _supervisors = supervisors;
        _commandChannels = commandChannels;
    }

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_connectionState == ConnectionState.Closed || _disposed)
            {
                throw new ClientClosedException(_terminalError);
            }

            if (_loopStop is not null)
            {
                return Task.CompletedTask;
            }

            if (!_modulesStarted)
            {
                _modulesStarted = true;
                _moduleTasks = [.. _supervisors.Select(s => Task.Run(() => s.RunAsync(_modulesStop.Token), CancellationToken.None))];
            }

            var stop = new CancellationTokenSource();
            _loopStop = stop;
            _loop = Task.Run(() => RunLoopAsync(stop.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task WaitUntilReadyAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        Task ready;
        lock (_gate)
        {
            ready = _ready.Task;
        }

        var limit = timeout ?? Options.ConnectTimeout + Options.LoginTimeout;
        try
        {
            // BoundedWait, not WaitAsync(limit, TimeProvider): its timer is gone when this returns.
            await BoundedWait.WaitAsync(ready, limit, TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The client was not Ready within {limit} (state {ConnectionState}). Check that ConnectAsync was called, the endpoints are reachable and the login is answered; or wait longer.");
        }
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        CancellationTokenSource? stop;
        Task loop;
        lock (_gate)
        {
            stop = _loopStop;
            _loopStop = null;
            loop = _loop;
        }

        if (stop is null)
        {
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        stop.Dispose();
        SetState(ConnectionState.Disconnected, 0, default, null, null);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        await _modulesStop.CancelAsync().ConfigureAwait(false);
        Task[] modules;
        lock (_gate)
        {
            modules = _moduleTasks;
        }

        try
        {
            await BoundedWait.WaitAsync(Task.WhenAll(modules), Options.CloseTimeout, TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A module that ignores cancellation must not hang disposal; it is reported and left behind.
            RuntimeLog.ModulesDidNotStop(_logger, Options.CloseTimeout);
        }

        FailCommands(_ => new ClientClosedException());
        Close(null);
        await StopStartersAsync().ConfigureAwait(false);
        Telemetry.Retire();
        CommandRateLimiter?.Dispose();
        _modulesStop.Dispose();
    }

    // After Close: every session ended and ClientClosed is cancelled, so the starters' loops are ending; wait for them (bounded).
    private async Task StopStartersAsync()
    {
        ISessionStarter[] starters;
        lock (_gate)
        {
            starters = _starters;
        }

        foreach (var starter in starters)
        {
            try
            {
                await BoundedWait.WaitAsync(starter.StopAsync(), Options.CloseTimeout, TimeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LifecycleLog.SessionStarterDidNotStop(_logger, starter.Name, Options.CloseTimeout);
            }
        }
    }

    public ValueTask SendAsync(OutgoingMessage message, ModuleCommand? command, CancellationToken cancellationToken)
    {
        Session<TState>? session;
        lock (_gate)
        {
            if (command is not null && (_connectionState != ConnectionState.Ready || command.SessionId != _sessionId))
            {
                throw new ConnectionLostException($"The session '{command.CommandName}' was issued in has ended; it was not sent and will not be re-sent.") { NothingSent = true };
            }

            session = _session;
        }

        if (session is null)
        {
            throw new ConnectionLostException("Not connected: nothing was sent. Await WaitUntilReadyAsync() before sending.") { NothingSent = true };
        }

        return SendOnSessionAsync(session, message, cancellationToken);
    }

    // One writer: the message goes straight to the transport's bounded send queue (no lock here, no token sources per
    // send). A send the transport completes at once costs nothing; only one that waits gets a timer (SendTimeout).
    private ValueTask SendOnSessionAsync(Session<TState> session, OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!session.IsOpen)
        {
            throw new ConnectionLostException("The connection closed: nothing was sent.") { NothingSent = true };
        }

        _middleware.OnSend(in message);
        var send = session.Connection.SendAsync(message, cancellationToken);
        if (send.IsCompletedSuccessfully)
        {
            send.GetAwaiter().GetResult();
            Telemetry.MessageSent(message.Length);
            return default;
        }

        return AwaitSendAsync(session, send, message.Length, cancellationToken);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitSendAsync(Session<TState> session, ValueTask send, int length, CancellationToken cancellationToken)
    {
        // The transport bounds the wait for room in its queue (and fails typed); this bounds the whole wait, and stops
        // waiting when the runner abandons the session. A send already queued may still go out: the message says so.
        using var timeout = new CancellationTokenSource(Options.SendTimeout, TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, session.Aborted);
        try
        {
            await send.AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionLostException($"The send did not complete within {Options.SendTimeout} or the connection closed; it may or may not have reached the platform.");
        }

        Telemetry.MessageSent(length);
    }

    private async Task RunLoopAsync(CancellationToken stop)
    {
        var failures = 0;
        Exception? lastError = null;
        Session<TState>? live = null;
        try
        {
            while (true)
            {
                if (failures > 0)
                {
                    if (Options.Reconnect.MaxAttempts is { } max && failures > max)
                    {
                        RuntimeLog.AttemptsExhausted(_logger, max);
                        Close(new ReconnectLimitExceededException(max, lastError));
                        return;
                    }

                    // Arm the timer before announcing the state, so whoever reacts to Reconnecting sees the delay scheduled.
                    var delay = _backoff.GetDelay(failures);
                    var wait = Task.Delay(delay, TimeProvider, stop);
                    SetState(ConnectionState.Reconnecting, failures, delay, null, lastError);
                    Telemetry.Reconnecting();
                    RuntimeLog.ReconnectScheduled(_logger, failures, delay);
                    if (live is not null)
                    {
                        // Ready is left; only now fail what was in flight, so nothing new slips in behind.
                        var ended = live;
                        live = null;
                        await EndSessionAsync(ended, await ended.Disconnected.ConfigureAwait(false), stop).ConfigureAwait(false);
                    }

                    await wait.ConfigureAwait(false);
                }

                var (session, error, rejection) = await ConnectRoundAsync(failures, stop).ConfigureAwait(false);
                if (rejection is not null)
                {
                    RuntimeLog.LoginRejected(_logger, rejection.Reason);
                    Close(rejection);
                    return;
                }

                if (session is null)
                {
                    failures++;
                    lastError = error;
                    continue;
                }

                live = session;
                DisconnectInfo info;

                // Periodic sends live exactly as long as this Ready session: started before Ready is announced (so whoever
                // reacts to Ready finds their timers armed), stopped before Reconnecting is announced.
                var periodic = session.Periodic ?? _lifecycle.StartPeriodic((message, ct) => SendOnSessionAsync(session, message, ct), stop);
                try
                {
                    info = await session.Disconnected.WaitAsync(stop).ConfigureAwait(false);
                }
                finally
                {
                    await periodic.StopAsync().ConfigureAwait(false);
                }

                RuntimeLog.Disconnected(_logger, session.Endpoint.ToString(), info.Reason, info.Description);
                failures = TimeProvider.GetElapsedTime(session.ReadyAt) >= Options.Reconnect.StableAfter ? 1 : failures + 1;
                lastError = info.Error ?? new ConnectionLostException($"The connection to {session.Endpoint} closed ({info.Reason}).");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // DisconnectAsync / DisposeAsync: fall through to the cleanup.
        }
        finally
        {
            Session<TState>? current;
            lock (_gate)
            {
                current = _session;
            }

            current ??= live;
            if (current is not null)
            {
                await EndSessionAsync(current, new DisconnectInfo(DisconnectReason.ClosedByClient, "client disconnected"), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<(Session<TState>? Session, Exception? Error, LoginRejectedException? Rejection)> ConnectRoundAsync(int attempt, CancellationToken stop)
    {
        Exception? lastError = null;
        if (_probeDue && _prober is not null)
        {
            SetState(ConnectionState.Connecting, attempt, default, null, null);
            var measured = await _prober.ProbeAsync(_endpoints, stop).ConfigureAwait(false);
            lock (_gate)
            {
                _order = measured;
            }

            _preferredEndpoint = 0;
            _probeDue = false;
        }

        EndpointLatency[] order;
        lock (_gate)
        {
            order = _order;
        }

        var start = _preferredEndpoint;
        for (var i = 0; i < order.Length; i++)
        {
            var index = (start + i) % order.Length;
            var endpoint = order[index].Endpoint;
            SetState(ConnectionState.Connecting, attempt, default, endpoint, null);
            await _middleware.OnConnectionAttemptAsync(endpoint, attempt, stop).ConfigureAwait(false);
            var (session, error, rejection) = await EstablishAsync(endpoint, attempt, stop).ConfigureAwait(false);
            if (session is not null)
            {
                _preferredEndpoint = index;
                return (session, null, null);
            }

            if (rejection is not null)
            {
                return (null, null, rejection);
            }

            lastError = error;
            Telemetry.Error("connect");
            RuntimeLog.ConnectFailed(_logger, endpoint.ToString(), error!);
            await _middleware.OnConnectionFailureAsync(endpoint, error!, stop).ConfigureAwait(false);
        }

        // Every endpoint failed in a row: the network may have changed, so the next round measures the order again.
        _probeDue = _prober is not null;
        return (null, lastError, null);
    }

    private async Task<(Session<TState>? Session, Exception? Error, LoginRejectedException? Rejection)> EstablishAsync(ConnectionEndpoint endpoint, int attempt, CancellationToken stop)
    {
        using var activity = Telemetry.StartConnect(endpoint, attempt);
        var session = new Session<TState>(_connectionFactory(), endpoint, _router, _logger);
        lock (_gate)
        {
            _session = session;
        }

        try
        {
            using (var timeout = new CancellationTokenSource(Options.ConnectTimeout, TimeProvider))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token))
            {
                try
                {
                    await session.Connection.ConnectAsync(endpoint, session, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    throw new ConnectionFailedException($"Connecting to {endpoint} did not complete within {Options.ConnectTimeout}.");
                }
            }

            session.WasConnected = true;
            Telemetry.Connected();
            SetState(ConnectionState.Connected, attempt, default, endpoint, null);
            await _middleware.OnConnectAsync(endpoint, stop).ConfigureAwait(false);

            if (_login is not null)
            {
                var decision = await LoginAsync(session, stop).ConfigureAwait(false);
                if (decision.Outcome == LoginOutcome.Rejected)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, "login rejected");
                    await EndSessionAsync(session, new DisconnectInfo(DisconnectReason.ClosedByClient, "login rejected"), stop).ConfigureAwait(false);
                    return (null, null, new LoginRejectedException(decision.Reason ?? "no reason given"));
                }
            }

            // Ready means logged in, the keyed subscriptions restored AND the on-Ready hooks ran (post-login burst), on
            // every session. The subscriptions first, so a hook and whoever reacts to Ready find their streams running.
            Func<OutgoingMessage, CancellationToken, ValueTask> send = (message, ct) => SendOnSessionAsync(session, message, ct);
            ISessionStarter[] starters;
            lock (_gate)
            {
                starters = _starters;
            }

            await _lifecycle.RunStartersAsync(starters, session, send, endpoint, stop).ConfigureAwait(false);
            var ready = new ReadyContext<TState>(_state, endpoint, Interlocked.Increment(ref _readyCount), attempt, TimeProvider, send);
            await _lifecycle.RunHooksAsync(ready, stop).ConfigureAwait(false);
            if (!session.IsOpen)
            {
                throw new ConnectionLostException($"The connection to {endpoint} closed before it was Ready.");
            }

            lock (_gate)
            {
                _sessionId++;
            }

            // The first tick is one period from now, never before Ready: arming the timers here only closes the gap in
            // which a test (or a user) that reacts to Ready could advance the clock past them.
            session.Periodic = _lifecycle.StartPeriodic((message, ct) => SendOnSessionAsync(session, message, ct), stop);
            session.ReadyAt = TimeProvider.GetTimestamp();
            SetState(ConnectionState.Ready, attempt, default, endpoint, null);
            return (session, null, null);
        }
        catch (Exception error) when (!stop.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            var reason = error is ConnectionLostException ? DisconnectReason.TransportError : DisconnectReason.ClosedByClient;
            await EndSessionAsync(session, new DisconnectInfo(reason, "connection attempt failed", error), stop).ConfigureAwait(false);
            return (null, error is ProtocolException ? error : new ConnectionFailedException($"Connecting to {endpoint} failed: {error.Message}", error), null);
        }
    }

    private async Task<LoginDecision> LoginAsync(Session<TState> session, CancellationToken stop)
    {
        var context = new LoginContext<TState>(_state, session.Endpoint, TimeProvider, (message, ct) => SendOnSessionAsync(session, message, ct));
        var completion = session.BeginLogin(_login!, context, SendOnSessionAsync);
        using var timeout = new CancellationTokenSource(Options.LoginTimeout, TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            await _login!.StartAsync(context, linked.Token).ConfigureAwait(false);
            return await completion.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            RuntimeLog.LoginFailed(_logger, session.Endpoint.ToString(), "timed out");
            throw new ConnectionFailedException($"The platform did not answer the login within {Options.LoginTimeout} on {session.Endpoint}; retrying with backoff.");
        }
        finally
        {
            session.EndLogin();
        }
    }

    // Detaches the session, fails every command in flight (never re-sent), closes and disposes the transport.
    private async Task EndSessionAsync(Session<TState> session, DisconnectInfo info, CancellationToken stop)
    {
        ISessionStarter[] starters;
        lock (_gate)
        {
            if (_session == session)
            {
                _session = null;
            }

            starters = _starters;
        }

        // From now on a new subscriber's start waits for the next session's replay instead of failing on this one.
        foreach (var starter in starters)
        {
            starter.SessionEnded(session);
        }

        FailCommands(command => new ConnectionLostException(
            $"The connection dropped ({info.Reason}) while '{command.CommandName}' was in flight. It was not re-sent; check the platform's state before repeating it.",
            info.Error));
        await session.AbortAsync(Options.CloseTimeout, TimeProvider).ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(Options.CloseTimeout, TimeProvider);
            await session.Connection.CloseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing an already broken transport fails; it is disposed next either way.
        }

        try
        {
            await session.Connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Telemetry.Error("transport_dispose");
            RuntimeLog.Disconnected(_logger, session.Endpoint.ToString(), DisconnectReason.TransportError, error.GetType().Name);
        }

        if (session.WasConnected)
        {
            // OnDisconnect pairs with OnConnect: an attempt that never opened reports OnConnectionFailure instead.
            await _middleware.OnDisconnectAsync(info, stop.IsCancellationRequested ? CancellationToken.None : stop).ConfigureAwait(false);
        }
    }

    private void FailCommands(Func<ModuleCommand, Exception> error)
    {
        foreach (var channel in _commandChannels)
        {
            channel.FailAll(error);
        }
    }

    private void Close(Exception? error)
    {
        lock (_gate)
        {
            if (_connectionState == ConnectionState.Closed)
            {
                return;
            }

            _terminalError ??= error;
        }

        SetState(ConnectionState.Closed, 0, default, null, error);
        _closed.Cancel();
    }

    private void SetState(ConnectionState next, int attempt, TimeSpan delay, ConnectionEndpoint? endpoint, Exception? error)
    {
        ConnectionState previous;
        lock (_gate)
        {
            previous = _connectionState;
            if (previous == ConnectionState.Closed || (previous == next && next is ConnectionState.Disconnected or ConnectionState.Ready))
            {
                return;
            }

            _connectionState = next;
            if (next == ConnectionState.Ready)
            {
                _ready.TrySetResult();
            }
            else if (next == ConnectionState.Closed)
            {
                var terminal = _terminalError is LoginRejectedException or ReconnectLimitExceededException
                    ? _terminalError
                    : new ClientClosedException(_terminalError);
                _ready.TrySetException(terminal);
            }
            else if (_ready.Task.IsCompleted)
            {
                _ready = NewReady();
            }
        }

        Telemetry.SetState(next);
        RuntimeLog.StateChanged(_logger, previous, next, endpoint?.Name, attempt);
        var handler = StateChanged;
        if (handler is null)
        {
            return;
        }

        var args = new ConnectionStateChangedEventArgs(previous, next, attempt, delay, endpoint, error);
        foreach (var item in handler.GetInvocationList())
        {
            try
            {
                ((EventHandler<ConnectionStateChangedEventArgs>)item)(this, args);
            }
            catch (Exception failure)
            {
                Telemetry.Error("state_handler");
                RuntimeLog.StateHandlerFailed(_logger, failure);
            }
        }
    }

    private static TaskCompletionSource NewReady()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Nobody may be waiting when the client closes with an error; do not let that surface as unobserved.
        _ = ready.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return ready;
    }
}
