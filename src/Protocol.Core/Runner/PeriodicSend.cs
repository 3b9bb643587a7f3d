
namespace Protocol;

// One Every(...) declaration: what to send and how often while a session is Ready. Send gets the client's state and the
// session's sender, so the raw and the generated-message forms share one loop.
internal sealed record PeriodicSend<TState>(
    string Name,
    TimeSpan Period,
    Func<TState, Func<OutgoingMessage, CancellationToken, ValueTask>, CancellationToken, ValueTask> Send)
    where TState : class;
