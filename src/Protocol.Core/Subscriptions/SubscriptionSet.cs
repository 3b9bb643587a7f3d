using System.ComponentModel;
namespace Protocol.Infrastructure;

/// <summary>
/// The subscribers of one stream (e.g. an API's ticks). The receive path publishes each update once; every subscription
/// gets it under its own slow-consumer policy, so one slow consumer never holds up the others or the publisher.
/// </summary>
/// <typeparam name="T">The update type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SubscriptionSet<T>
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly ClientTelemetry _telemetry;
    private Subscription<T>[] _subscribers = [];
    private Exception? _completion;
    private bool _completed;

    /// <summary>
    /// Creates a set bound to a module's client: its clock, its end (every subscription ends when the client closes) and its
    /// telemetry (drops are counted under the client's name and platform). What generated APIs use.
    /// </summary>
    /// <param name="commands">The module's command channel.</param>
    public SubscriptionSet(CommandChannel commands)
        : this(NotNull(commands).TimeProvider, commands.ClientClosed)
    {
        _telemetry = commands.Telemetry;
    }

    /// <summary>Creates a set outside a client; its drops are counted under the default client name and platform.</summary>
    /// <param name="timeProvider">The clock for <see cref="SlowConsumerPolicy.Wait"/> timeouts.</param>
    /// <param name="closed">When cancelled (e.g. <see cref="CommandChannel.ClientClosed"/>), every subscription ends.</param>
    public SubscriptionSet(TimeProvider timeProvider, CancellationToken closed = default)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _telemetry = ClientTelemetry.Default;
        if (closed.CanBeCanceled)
        {
            closed.Register(static state => ((SubscriptionSet<T>)state!).Complete(), this);
        }
    }

    /// <summary>How many subscriptions are active.</summary>
    public int Count => Volatile.Read(ref _subscribers).Length;

    /// <summary>Adds a subscriber.</summary>
    /// <param name="options">Its buffering; <see cref="SubscriptionOptions.Default"/> when null.</param>
    /// <returns>The subscription; enumerate it, and end the enumeration to unsubscribe.</returns>
    public Subscription<T> Subscribe(SubscriptionOptions? options = null)
    {
        options ??= SubscriptionOptions.Default;
        if (options.Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Capacity, "Subscription capacity must be at least 1.");
        }

        var subscription = new Subscription<T>(options, Remove, _telemetry, _timeProvider);
        lock (_gate)
        {
            if (_completed)
            {
                subscription.Complete(_completion);
                return subscription;
            }

            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>
    /// Delivers <paramref name="item"/> to every subscriber without ever waiting: what runs on the receive path. Each
    /// subscriber applies its own policy; a full <see cref="SlowConsumerPolicy.Wait"/> subscriber queues the item for its own
    /// pump. Allocates nothing unless a Wait subscriber is full.
    /// </summary>
    /// <param name="item">The update.</param>
    public void Publish(T item)
    {
        var subscribers = Volatile.Read(ref _subscribers);
        for (var i = 0; i < subscribers.Length; i++)
        {
            subscribers[i].Offer(item);
        }
    }

    /// <summary>Ends every subscription (their enumerations finish after buffered items, or throw <paramref name="error"/>).</summary>
    /// <param name="error">Why the stream ended, or null for a normal end.</param>
    public void Complete(Exception? error = null)
    {
        Subscription<T>[] subscribers;
        lock (_gate)
        {
            _completed = true;
            _completion = error;
            subscribers = _subscribers;
            _subscribers = [];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Complete(error);
        }
    }

    private void Remove(Subscription<T> subscription)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_subscribers, subscription);
            if (index < 0)
            {
                return;
            }

            var next = new Subscription<T>[_subscribers.Length - 1];
            _subscribers.AsSpan(0, index).CopyTo(next);
            _subscribers.AsSpan(index + 1).CopyTo(next.AsSpan(index));
            _subscribers = next;
        }
    }

    private static CommandChannel NotNull(CommandChannel commands)
        => commands ?? throw new ArgumentNullException(nameof(commands));
}
