using System.Collections.Concurrent;

namespace Protocol.Server.Sessions;

// The open sessions of a server and its shutdown, for both envelopes: each session runs linked to the server's end, is
// listed while it runs, and the server's disposal waits for every one to finish.
internal sealed class SessionRegistry<TSession>
    where TSession : class, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TSession> _sessions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();

    public bool IsShuttingDown => _shutdown.IsCancellationRequested;

    public ICollection<TSession> Sessions => _sessions.Values;

    public int Count => _sessions.Count;

    public async Task RunAsync(object server, Func<CancellationToken, TSession> create, Func<TSession, string> id, Func<TSession, Task> run, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsShuttingDown, server);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        await using var session = create(linked.Token);
        var key = id(session);
        _sessions[key] = session;
        try
        {
            await run(session).ConfigureAwait(false);
        }
        finally
        {
            _sessions.TryRemove(key, out _);
        }
    }

    public async ValueTask ShutdownAsync(Func<TSession, Task> completion)
    {
        if (IsShuttingDown)
        {
            return;
        }

        _shutdown.Cancel();
        foreach (var session in _sessions.Values)
        {
            await completion(session).ConfigureAwait(false);
        }

        _shutdown.Dispose();
    }
}
