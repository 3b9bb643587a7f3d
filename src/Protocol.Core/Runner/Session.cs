using Microsoft.Extensions.Logging;
using Protocol.Infrastructure;

namespace Protocol;

// One connection's lifetime: the sink the transport delivers to. Feeds the login hook while a login is pending, then
// the router, and turns the transport's disconnection into a task the runner awaits.
internal sealed class Session<TState> : IMessageSink, ILiveSession
    where TState : class
{
    private readonly Router<TState> _router;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<DisconnectInfo> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _aborted = new();
    private readonly Lock _gate = new();
    private readonly List<Task> _replies = [];
    private IPlatformLogin<TState>? _loginHook;
    private LoginContext<TState>? _loginContext;
    private TaskCompletionSource<LoginDecision>? _login;
    private Func<Session<TState>, OutgoingMessage, CancellationToken, ValueTask>? _send;

    public Session(IConnection connection, ConnectionEndpoint endpoint, Router<TState> router, ILogger logger)
    {
        Connection = connection;
        Endpoint = endpoint;
        _router = router;
        _logger = logger;
    }

    public IConnection Connection { get; }

    public ConnectionEndpoint Endpoint { get; }

    public Task<DisconnectInfo> Disconnected => _disconnected.Task;

    public bool IsOpen => !_disconnected.Task.IsCompleted;

    // This session's periodic sends, started just before Ready is announced and stopped when the session ends.
    public ReadyLifecycle<TState>.PeriodicRun? Periodic { get; set; }

    // The client clock's timestamp when this session became Ready, taken before Ready is announced: a handler that reacts
    // to Ready runs on the runner's thread, and the time it takes is time the session was Ready (StableAfter counts it).
    public long ReadyAt { get; set; }

    // Set once the transport opened; only such sessions report OnDisconnect to middleware.
    public bool WasConnected { get; set; }

    // Cancelled when the runner abandons the session: sends on it stop waiting.
    public CancellationToken Aborted => _aborted.Token;

    public void OnMessage(in MessageView message)
    {
        _router.Telemetry.MessageReceived(in message);

        var login = Volatile.Read(ref _login);
        if (login is not null && !login.Task.IsCompleted)
        {
            OfferToLogin(message, login);
        }

        _router.Route(in message);
    }

    public void OnDisconnected(DisconnectInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (!_disconnected.TrySetResult(info))
        {
            return;
        }

        var login = Volatile.Read(ref _login);
        if (login is null || login.Task.IsCompleted)
        {
            return;
        }

        // The login hears about the close before the runner tears the session down: a platform that answers a bad
        // session by closing (PocketOption: NotAuthorized, then 41) can call it a rejection, which is terminal.
        if (AskLoginAboutClose(info) is { Outcome: LoginOutcome.Rejected } rejection)
        {
            login.TrySetResult(rejection);
            return;
        }

        login.TrySetException(new ConnectionLostException($"The connection closed during the login ({info.Reason}: {info.Description})."));
    }

    public Task<LoginDecision> BeginLogin(IPlatformLogin<TState> hook, LoginContext<TState> context, Func<Session<TState>, OutgoingMessage, CancellationToken, ValueTask> send)
    {
        _loginHook = hook;
        _loginContext = context;
        _send = send;
        var completion = new TaskCompletionSource<LoginDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _login, completion);
        if (!IsOpen)
        {
            completion.TrySetException(new ConnectionLostException("The connection closed before the login started."));
        }

        return completion.Task;
    }

    public void EndLogin() => Volatile.Write(ref _login, null);

    public async Task AbortAsync(TimeSpan timeout, TimeProvider timeProvider)
    {
        await _aborted.CancelAsync().ConfigureAwait(false);
        Task[] replies;
        lock (_gate)
        {
            replies = [.. _replies];
        }

        try
        {
            await BoundedWait.WaitAsync(Task.WhenAll(replies), timeout, timeProvider).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each reply logged its own failure; a stuck one is abandoned with the session.
        }
    }

    private void OfferToLogin(MessageView message, TaskCompletionSource<LoginDecision> login)
    {
        LoginDecision decision;
        try
        {
            decision = _loginHook!.OnMessage(message, _loginContext!);
        }
        catch (Exception error)
        {
            _router.Telemetry.Error("login_hook");
            RuntimeLog.LoginHookFailed(_logger, error);
            return;
        }

        switch (decision.Outcome)
        {
            case LoginOutcome.Accepted:
            case LoginOutcome.Rejected:
                login.TrySetResult(decision);
                break;
            case LoginOutcome.Reply:
                var reply = SendReplyAsync(decision.Reply);
                lock (_gate)
                {
                    _replies.Add(reply);
                }

                break;
        }
    }

    private LoginDecision AskLoginAboutClose(DisconnectInfo info)
    {
        LoginDecision decision;
        try
        {
            decision = _loginHook!.OnClosed(info, _loginContext!);
        }
        catch (Exception error)
        {
            _router.Telemetry.Error("login_hook");
            RuntimeLog.LoginHookFailed(_logger, error);
            return LoginDecision.Pending;
        }

        LifecycleLog.ClosedDuringLogin(_logger, info.Reason, decision.Outcome);
        return decision;
    }

    private async Task SendReplyAsync(OutgoingMessage message)
    {
        try
        {
            await _send!(this, message, _aborted.Token).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            RuntimeLog.LoginSendFailed(_logger, error);
            Volatile.Read(ref _login)?.TrySetException(new ConnectionFailedException("Sending a login reply failed; the attempt is abandoned and retried with backoff.", error));
        }
    }
}
