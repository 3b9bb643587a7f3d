using System.Threading.Channels;

namespace Protocol.Subscriptions;

/// <summary>
/// One consumer's stream of updates: a bounded buffer with a slow-consumer policy, read with <c>await foreach</c>.
/// Ending the enumeration (break, cancellation, exception) or disposing unsubscribes. Enumerate it once.
/// </summary>
/// <typeparam name="T">The update type.</typeparam>
public sealed class Subscription<T> : IAsyncEnumerable<T>, IAsyncDisposable
{
    private static readonly KeyValuePair<string, object?> SlowConsumerTag = new(Diagnostics.ProtocolTelemetry.DropReasonTag, "slow_consumer");
    private readonly Channel<T> _channel;
    private readonly Action<Subscription<T>> _unsubscribe;
    private readonly Diagnostics.ClientTelemetry _telemetry;
    private long _dropped;
    private int _enumerated;
    private int _active = 1;

    internal Subscription(SubscriptionOptions options, Action<Subscription<T>> unsubscribe, Diagnostics.ClientTelemetry telemetry)
    {
        _telemetry = telemetry;
        Options = options;
        _unsubscribe = unsubscribe;
        var capacity = options.Policy == SlowConsumerPolicy.LatestWins ? 1 : options.Capacity;
        var bounded = new BoundedChannelOptions(capacity)
        {
            FullMode = options.Policy == SlowConsumerPolicy.Wait ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        };
        _channel = Channel.CreateBounded<T>(bounded, _ => CountDrop());
    }

    /// <summary>The buffering options.</summary>
    public SubscriptionOptions Options { get; }

    /// <summary>The policy applied when the buffer is full.</summary>
    public SlowConsumerPolicy Policy => Options.Policy;

    /// <summary>How many updates this consumer lost to its policy.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Whether it still receives updates.</summary>
    public bool IsActive => Volatile.Read(ref _active) == 1;

    internal ChannelWriter<T> Writer => _channel.Writer;

    /// <inheritdoc />
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) == 1)
        {
            throw new InvalidOperationException("A subscription can be enumerated once; subscribe again for a second consumer.");
        }

        try
        {
            var reader = _channel.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            Unsubscribe();
        }
    }

    /// <summary>Unsubscribes; a running enumeration finishes after the buffered items.</summary>
    public ValueTask DisposeAsync()
    {
        Unsubscribe();
        return ValueTask.CompletedTask;
    }

    internal long CountDrop()
    {
        var dropped = Interlocked.Increment(ref _dropped);
        _telemetry.Dropped(SlowConsumerTag);
        return dropped;
    }

    internal void Complete(Exception? error)
    {
        Volatile.Write(ref _active, 0);
        _channel.Writer.TryComplete(error);
    }

    private void Unsubscribe()
    {
        if (Interlocked.Exchange(ref _active, 0) == 1)
        {
            _channel.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
