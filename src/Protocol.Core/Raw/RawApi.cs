
namespace Protocol;

/// <summary>
/// The raw module's API (<c>client.GetApi&lt;RawApi&gt;()</c> after <c>builder.AddRawModule()</c>): create
/// handlers for messages no module declares, and keep-alives replayed after every reconnect. Validators run on the receive
/// path for every message, so only matches are copied; a message a handler matched is not reported as an unknown event.
/// </summary>
/// <example><code>
/// var raw = client.GetApi&lt;RawApi&gt;();
/// await using var quotes = raw.OpenChannel(Validator.StartsWith("42[\"quote\""));
/// await using var keepAlive = raw.AddKeepAlive(OutgoingMessage.Text("42[\"watch\",\"EURUSD\"]"), TimeSpan.FromSeconds(30));
/// </code></example>
public sealed class RawApi
{
    private readonly Lock _gate = new();
    private IClientRuntime? _runtime;
    private RawKeepAlives? _keepAlives;
    private RawChannel[] _handlers = [];
    private long _nextId;

    /// <summary>How many handlers are registered.</summary>
    public int ChannelCount => Volatile.Read(ref _handlers).Length;

    /// <summary>How many keep-alives are registered.</summary>
    public int KeepAliveCount => _keepAlives?.Count ?? 0;

    /// <summary>
    /// Registers a keep-alive: <paramref name="message"/> is sent every <paramref name="interval"/> while the client is Ready,
    /// and again right after every login (the first one and every reconnect), before the client reports Ready, so a server
    /// that forgets a watch or a subscription with the session gets it back. Registered while Ready, it is also sent at once.
    /// A failed send is logged and counted (<see cref="RawKeepAlive.FailedCount"/>) and tried again on the next tick; it is
    /// a control frame, never rate-limited. Dispose the returned object to stop it.
    /// </summary>
    /// <param name="message">What to send; its memory is kept and re-sent (use <see cref="OutgoingMessage.Text(string)"/> or a fresh array).</param>
    /// <param name="interval">How often, while Ready (positive and finite).</param>
    /// <returns>The keep-alive.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive and finite.</exception>
    /// <exception cref="InvalidOperationException">The raw module is not attached to a client.</exception>
    public RawKeepAlive AddKeepAlive(OutgoingMessage message, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || interval == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A keep-alive's interval must be positive and finite, e.g. TimeSpan.FromSeconds(20).");
        }

        if (message.Length == 0)
        {
            throw new ArgumentException("A keep-alive needs a message to send; this one is empty.", nameof(message));
        }

        var keepAlives = _keepAlives ?? throw new InvalidOperationException("The raw module is not attached to a client.");
        return keepAlives.Add(message, interval);
    }

    /// <summary>Registers a handler.</summary>
    /// <param name="validator">What it matches.</param>
    /// <param name="capacity">How many unread matches it buffers (oldest dropped beyond). Default 64.</param>
    public RawChannel OpenChannel(Validator validator, int capacity = 64)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var runtime = _runtime ?? throw new InvalidOperationException("The raw module is not attached to a client.");
        var handler = new RawChannel(this, runtime, Interlocked.Increment(ref _nextId), validator, capacity);
        lock (_gate)
        {
            _handlers = [.. _handlers, handler];
        }

        return handler;
    }

    internal void Attach(IClientRuntime runtime)
    {
        _runtime = runtime;
        _keepAlives = new RawKeepAlives(runtime);
        runtime.ClientClosed.Register(static state => ((RawApi)state!).CompleteAll(), this);
    }

    // Offers the message to every handler; true when at least one matched.
    internal bool Dispatch(MessageView message)
    {
        var matched = false;
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            matched |= handler.Offer(message);
        }

        return matched;
    }

    internal void Remove(RawChannel handler)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers.Where(h => h != handler)];
        }
    }

    private void CompleteAll()
    {
        RawChannel[] handlers;
        lock (_gate)
        {
            handlers = _handlers;
            _handlers = [];
        }

        foreach (var handler in handlers)
        {
            handler.Complete();
        }
    }
}
