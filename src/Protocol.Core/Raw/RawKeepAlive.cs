namespace Protocol;

/// <summary>
/// A keep-alive registered with <see cref="RawApi.AddKeepAlive"/>: one message sent every <see cref="Interval"/> while the
/// client is Ready, and again right after every login (a reconnect included), before the client reports Ready. Dispose it
/// to stop it.
/// </summary>
public sealed class RawKeepAlive : IAsyncDisposable
{
    private readonly RawKeepAlives _owner;
    private readonly CancellationTokenSource _stopped = new();
    private long _sent;
    private long _failed;

    internal RawKeepAlive(RawKeepAlives owner, long id, OutgoingMessage message, TimeSpan interval)
    {
        _owner = owner;
        Id = id;
        Message = message;
        Interval = interval;
    }

    /// <summary>The keep-alive's id within the client.</summary>
    public long Id { get; }

    /// <summary>How often it is sent while Ready.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How many times it was sent.</summary>
    public long SentCount => Interlocked.Read(ref _sent);

    /// <summary>How many sends failed (each is tried again on the next tick or login).</summary>
    public long FailedCount => Interlocked.Read(ref _failed);

    internal OutgoingMessage Message { get; }

    internal CancellationToken Stopped => _stopped.Token;

    /// <summary>Stops it: nothing more is sent, on this session or after a reconnect.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        if (!_stopped.IsCancellationRequested)
        {
            _owner.Remove(this);
            _stopped.Cancel();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Describes it without its content (which may carry account data).</summary>
    /// <returns>E.g. <c>raw keep-alive #1 every 00:00:20, sent 3</c>.</returns>
    public override string ToString() => $"raw keep-alive #{Id} every {Interval}, sent {SentCount}";

    internal void CountSent() => Interlocked.Increment(ref _sent);

    internal void CountFailed() => Interlocked.Increment(ref _failed);
}
