
namespace Protocol;

// Something that must be restored on every session before the client reports Ready (a keyed subscription set's start
// messages). Starters run after the login was accepted and before the user's on-Ready hooks, each bounded by
// ClientOptions.CallbackTimeout; an exception or an overrun fails the session (see ReadyLifecycle.RunStartersAsync).
internal interface ISessionStarter
{
    // For logs.
    string Name { get; }

    // session identifies the connection (compared by reference); send is bound to it and never reaches a later one.
    Task StartAsync(object session, Func<OutgoingMessage, CancellationToken, ValueTask> send, CancellationToken cancellationToken);

    // The session ended (dropped, failed its attempt or closed): nothing more may be sent on it.
    void SessionEnded(object session);

    // The client closed (every session ended and ClientClosed is cancelled): completes when whatever the starter runs on its
    // own tasks (raw keep-alive loops) has stopped, so nothing is sent after the client's DisposeAsync returned.
    Task StopAsync() => Task.CompletedTask;
}
