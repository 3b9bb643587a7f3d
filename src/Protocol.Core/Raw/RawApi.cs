
namespace Protocol;

/// <summary>
/// The raw module's API (<c>client.GetApi&lt;RawApi&gt;()</c> after <c>builder.AddRawModule()</c>): create
/// handlers for messages no module declares. Validators run on the receive path for every message, so only matches
/// are copied.
/// </summary>
public sealed class RawApi
{
    private readonly Lock _gate = new();
    private IClientRuntime? _runtime;
    private RawChannel[] _handlers = [];
    private long _nextId;

    /// <summary>How many handlers are registered.</summary>
    public int ChannelCount => Volatile.Read(ref _handlers).Length;

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
        runtime.ClientClosed.Register(static state => ((RawApi)state!).CompleteAll(), this);
    }

    internal void Dispatch(MessageView message)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            handler.Offer(message);
        }
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
