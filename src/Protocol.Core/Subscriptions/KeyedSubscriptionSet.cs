using System.ComponentModel;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Protocol.Infrastructure;

/// <summary>
/// The subscribers of a stream that the server starts per key (e.g. an asset's ticks), together with the messages that
/// start it (PocketOption: <c>changeSymbol</c>, then <c>subfor</c>) and an optional one that stops it. The set owns those
/// messages: the first subscriber of a key sends the start messages, the last one to leave sends the stop message, and
/// after every reconnect the start messages of every key that still has subscribers are sent again after the login and
/// before the client reports Ready, so an <c>await foreach</c> goes on across the reconnect.
/// </summary>
/// <remarks>
/// <para>
/// The receive path publishes each update once (<see cref="Publish"/>); only the subscribers of its key get it, each under
/// its own slow-consumer policy, and an update whose key has no subscriber is dropped silently (the platform may keep
/// streaming a key it cannot be told to stop). A reconnect is never hidden: each subscription of a restored key counts it
/// in <see cref="Subscription{T}.ResumeCount"/> and raises <see cref="Subscription{T}.Resumed"/>, since whatever the
/// platform sent while the client was away is lost.
/// </para>
/// <para>
/// Restoring runs with the client's on-Ready phase, before the on-Ready hooks: a start message that cannot be sent fails
/// the session (it is closed and retried with backoff, as the subscriptions would silently stay dry otherwise); a start
/// message factory that throws ends that key's subscriptions with <see cref="SubscriptionStartException"/> and the
/// session goes on.
/// </para>
/// </remarks>
/// <typeparam name="TKey">What a stream is started for (e.g. the asset).</typeparam>
/// <typeparam name="T">The update type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KeyedSubscriptionSet<TKey, T> : ISessionStarter
    where TKey : notnull
{
    private readonly Lock _gate = new();

    // Serialises everything that puts this set's start and stop messages on the wire (a subscribe, a stop, a replay), so
    // a key's start and stop go out in the order they were decided.
    private readonly SemaphoreSlim _wire = new(1, 1);
    private readonly ConcurrentDictionary<TKey, KeyState> _keys;
    private readonly Func<T, TKey> _keySelector;
    private readonly Func<TKey, IOutgoingMessage>[] _start;
    private readonly Func<TKey, IOutgoingMessage>? _stop;
    private readonly ClientTelemetry _telemetry;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private LiveSession? _live;
    private long _nextOrder;
    private Exception? _completion;
    private bool _completed;

    /// <summary>
    /// Creates a set bound to a module's client: its clock, its end (every subscription ends when the client closes), its
    /// telemetry, its current session for start and stop messages, and its on-Ready phase for the replay. What generated
    /// APIs use.
    /// </summary>
    /// <param name="commands">The module's command channel.</param>
    /// <param name="name">The stream's name, for logs (e.g. <c>"Ticks"</c>).</param>
    /// <param name="keySelector">The key of an inbound update; it runs on the receive path and must not block.</param>
    /// <param name="start">The messages that start the stream for a key on the server, sent in this order (may be empty).</param>
    /// <param name="stop">The message that stops it, when the platform has one.</param>
    /// <param name="comparer">Compares keys; the default comparer when null.</param>
    public KeyedSubscriptionSet(
        CommandChannel commands,
        string name,
        Func<T, TKey> keySelector,
        IReadOnlyList<Func<TKey, IOutgoingMessage>> start,
        Func<TKey, IOutgoingMessage>? stop = null,
        IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(keySelector);
        ArgumentNullException.ThrowIfNull(start);
        if (start.Any(factory => factory is null))
        {
            throw new ArgumentException($"A start message factory of stream '{name}' is null; declare each message that starts the stream.", nameof(start));
        }

        var runtime = commands.Runtime;
        Name = commands.ModuleName + "." + name;
        _keySelector = keySelector;
        _start = [.. start];
        _stop = stop;
        _keys = new ConcurrentDictionary<TKey, KeyState>(comparer);
        _telemetry = runtime.Telemetry;
        _timeProvider = runtime.TimeProvider;
        _logger = runtime.LoggerFactory.CreateLogger("Protocol.Subscriptions");
        runtime.AddSessionStarter(this);
        if (runtime.ClientClosed.CanBeCanceled)
        {
            runtime.ClientClosed.Register(static state => ((KeyedSubscriptionSet<TKey, T>)state!).Complete(), this);
        }
    }

    /// <summary>The module and stream name (for logs).</summary>
    public string Name { get; }

    /// <summary>How many keys have at least one subscriber.</summary>
    public int KeyCount
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    /// <summary>How many subscriptions of <paramref name="key"/> are active.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The count; 0 for a key nobody subscribed to.</returns>
    public int CountFor(TKey key) => _keys.TryGetValue(key, out var state) ? Volatile.Read(ref state.Subscribers).Length : 0;

    /// <summary>
    /// Adds a subscriber of <paramref name="key"/>. When it is the key's first and the client's current session is Ready (or
    /// in its on-Ready phase, its subscriptions already restored), the start messages are sent on that session before this
    /// returns. When the client is not Ready, nothing is sent and nothing fails: the key is recorded and started with the
    /// others right after the next login, before Ready.
    /// </summary>
    /// <param name="key">What to subscribe to.</param>
    /// <param name="options">Its buffering; <see cref="SubscriptionOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Abandons the subscribe (the subscriber is removed).</param>
    /// <returns>The subscription; enumerate it, and end the enumeration (or dispose it) to unsubscribe.</returns>
    /// <exception cref="SubscriptionStartException">The start messages could not be built or sent; the subscriber was removed.</exception>
    public async Task<Subscription<T>> SubscribeAsync(TKey key, SubscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        options ??= SubscriptionOptions.Default;
        if (options.Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Capacity, "Subscription capacity must be at least 1.");
        }

        var subscription = new Subscription<T>(options, s => Remove(key, s), _telemetry, _timeProvider);
        KeyState state;
        lock (_gate)
        {
            if (_completed)
            {
                subscription.Complete(_completion);
                return subscription;
            }

            if (!_keys.TryGetValue(key, out state!))
            {
                state = new KeyState { Order = _nextOrder++ };
                _keys[key] = state;
            }

            state.Subscribers = [.. state.Subscribers, subscription];
        }

        try
        {
            await _wire.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        LiveSession? live = null;
        try
        {
            lock (_gate)
            {
                live = _live;
                if (!subscription.IsActive || live is null)
                {
                    // Gone already, or not Ready: the replay after the next login starts the key.
                    return subscription;
                }

                if (ReferenceEquals(state.StartedOn, live.Session))
                {
                    subscription.MarkStarted();
                    return subscription;
                }
            }

            await SendStartAsync(key, live.Send, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                state.StartedOn = live.Session;
                subscription.MarkStarted();
            }

            return subscription;
        }
        catch (OperationCanceledException)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception error) when (error is not SubscriptionStartException && live?.Session is ILiveSession { IsOpen: false })
        {
            // The session dropped between the check and the send (the runner has not ended it yet): as when not Ready, the
            // key stays and the replay after the next login starts it (nothing was delivered yet, so there is no gap to report).
            return subscription;
        }
        catch (Exception error)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            throw error as SubscriptionStartException ?? new SubscriptionStartException(
                $"Sending the start messages of stream '{Name}' for key '{key}' failed: {error.Message} The subscription was removed; subscribe again once the client is Ready.",
                error);
        }
        finally
        {
            _wire.Release();
        }
    }

    /// <summary>
    /// Delivers <paramref name="item"/> to the subscribers of its key without ever waiting: what runs on the receive path.
    /// An update whose key has no subscriber is dropped (not an error). Allocates nothing unless a Wait subscriber is full.
    /// </summary>
    /// <param name="item">The update.</param>
    public void Publish(T item)
    {
        var key = _keySelector(item);
        if (key is null || !_keys.TryGetValue(key, out var state))
        {
            return;
        }

        var subscribers = Volatile.Read(ref state.Subscribers);
        for (var i = 0; i < subscribers.Length; i++)
        {
            subscribers[i].Offer(item);
        }
    }

    /// <summary>
    /// Ends every subscription (their enumerations finish after buffered items, or throw <paramref name="error"/>) and
    /// forgets every key; no stop message is sent. Called when the client closes.
    /// </summary>
    /// <param name="error">Why the stream ended, or null for a normal end.</param>
    public void Complete(Exception? error = null)
    {
        List<Subscription<T>> ended = [];
        lock (_gate)
        {
            _completed = true;
            _completion = error;
            foreach (var state in _keys.Values)
            {
                ended.AddRange(state.Subscribers);
                state.Subscribers = [];
            }

            _keys.Clear();
        }

        foreach (var subscriber in ended)
        {
            subscriber.Complete(error);
        }
    }

    // The replay: after the login of every session, before the on-Ready hooks and Ready. A send that fails propagates
    // (the runner fails the session); a factory that throws ends its key only.
    async Task ISessionStarter.StartAsync(object session, Func<OutgoingMessage, CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        List<Subscription<T>>? resumed = null;
        await _wire.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            KeyValuePair<TKey, KeyState>[] keys;
            lock (_gate)
            {
                keys = _keys.ToArray();
            }

            // In the order the keys were first subscribed, so a replay repeats the first session's wire order.
            Array.Sort(keys, static (a, b) => a.Value.Order.CompareTo(b.Value.Order));

            foreach (var (key, state) in keys)
            {
                if (Volatile.Read(ref state.Subscribers).Length == 0)
                {
                    continue;
                }

                try
                {
                    await SendStartAsync(key, send, cancellationToken).ConfigureAwait(false);
                }
                catch (SubscriptionStartException error)
                {
                    EndKey(key, state, error);
                    continue;
                }

                bool orphan;
                lock (_gate)
                {
                    orphan = !_keys.TryGetValue(key, out var current) || current != state;
                    if (!orphan)
                    {
                        state.StartedOn = session;
                        foreach (var subscriber in state.Subscribers)
                        {
                            if (subscriber.MarkStarted())
                            {
                                (resumed ??= []).Add(subscriber);
                            }
                        }
                    }
                }

                if (orphan && _stop is not null)
                {
                    // Its last subscriber left while it was being started: undo it.
                    await SendStopAsync(key, send).ConfigureAwait(false);
                }
            }

            lock (_gate)
            {
                _live = new LiveSession(session, send);
            }
        }
        finally
        {
            _wire.Release();
        }

        if (resumed is not null)
        {
            foreach (var subscriber in resumed)
            {
                subscriber.OnResumed();
            }
        }
    }

    void ISessionStarter.SessionEnded(object session)
    {
        lock (_gate)
        {
            if (_live is not null && ReferenceEquals(_live.Session, session))
            {
                _live = null;
            }
        }
    }

    private async Task SendStartAsync(TKey key, Func<OutgoingMessage, CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _start.Length; i++)
        {
            IOutgoingMessage message;
            try
            {
                message = _start[i](key);
            }
            catch (Exception error)
            {
                throw new SubscriptionStartException(
                    $"Building start message #{i + 1} of stream '{Name}' for key '{key}' threw: {error.Message} Fix the message factory declared for this stream; the subscription was removed.",
                    error);
            }

            await EnvelopeSender.SendAsync(message, static (target, text, ct) => target(text, ct), send, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Remove(TKey key, Subscription<T> subscription)
    {
        KeyState? ended = null;
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var state))
            {
                return;
            }

            var index = Array.IndexOf(state.Subscribers, subscription);
            if (index < 0)
            {
                return;
            }

            var next = new Subscription<T>[state.Subscribers.Length - 1];
            state.Subscribers.AsSpan(0, index).CopyTo(next);
            state.Subscribers.AsSpan(index + 1).CopyTo(next.AsSpan(index));
            state.Subscribers = next;
            if (next.Length == 0)
            {
                _keys.TryRemove(new KeyValuePair<TKey, KeyState>(key, state));
                ended = state;
            }
        }

        if (_stop is not null && ended?.StartedOn is { } startedOn)
        {
            _ = StopAfterLastLeftAsync(key, startedOn);
        }
    }

    // Best effort, on its own task (an unsubscribe never waits for the wire): only on the session the key was started on,
    // and not when the key was subscribed and started again in the meantime.
    private async Task StopAfterLastLeftAsync(TKey key, object startedOn)
    {
        await _wire.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        LiveSession? live = null;
        try
        {
            lock (_gate)
            {
                live = _live;
                if (live is null || !ReferenceEquals(live.Session, startedOn)
                    || (_keys.TryGetValue(key, out var again) && ReferenceEquals(again.StartedOn, live.Session)))
                {
                    return;
                }
            }

            await SendStopAsync(key, live.Send).ConfigureAwait(false);
        }
        finally
        {
            _wire.Release();
        }
    }

    private async Task SendStopAsync(TKey key, Func<OutgoingMessage, CancellationToken, ValueTask> send)
    {
        try
        {
            await EnvelopeSender.SendAsync(_stop!(key), static (target, text, ct) => target(text, ct), send, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // The platform keeps streaming a key nobody reads; its updates are dropped on arrival.
            _telemetry.Error("subscription_stop");
            LifecycleLog.StreamStopFailed(_logger, Name, error);
        }
    }

    // A replay could not build this key's start messages: its subscribers end with the error rather than wait for
    // updates that will never come.
    private void EndKey(TKey key, KeyState state, SubscriptionStartException error)
    {
        Subscription<T>[] ended;
        lock (_gate)
        {
            _keys.TryRemove(new KeyValuePair<TKey, KeyState>(key, state));
            ended = state.Subscribers;
            state.Subscribers = [];
        }

        _telemetry.Error("subscription_start");
        LifecycleLog.StreamStartFailed(_logger, Name, ended.Length, error);
        foreach (var subscriber in ended)
        {
            subscriber.Complete(error);
        }
    }

    private sealed class KeyState
    {
        // Copy-on-write under the set's lock; read without it by Publish.
        public Subscription<T>[] Subscribers = [];

        // When the key was first subscribed, relative to the others: the replay order.
        public long Order;

        // The session whose wire carried this key's start messages, or null when not started on any live one.
        public object? StartedOn;
    }

    private sealed record LiveSession(object Session, Func<OutgoingMessage, CancellationToken, ValueTask> Send);
}
