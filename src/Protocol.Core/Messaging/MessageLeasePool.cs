using Protocol.Infrastructure;
namespace Protocol;

/// <summary>
/// Recycles <see cref="MessageLease"/> instances for one client. Bounded, so a burst does not pin memory forever:
/// leases beyond the bound are left to the garbage collector.
/// </summary>
internal sealed class MessageLeasePool(int capacity = 1024)
{
    private readonly Lock _gate = new();
    private readonly MessageLease[] _items = new MessageLease[capacity];
    private int _count;

    /// <summary>Takes a lease holding a copy of <paramref name="view"/> with one holder (the caller).</summary>
    public MessageLease Rent(MessageView view, long timestamp)
    {
        MessageLease? lease = null;
        lock (_gate)
        {
            if (_count > 0)
            {
                lease = _items[--_count];
                _items[_count] = null!;
            }
        }

        lease ??= new MessageLease(this);
        lease.Load(view, timestamp);
        return lease;
    }

    /// <summary>How many leases wait in the pool (for tests and diagnostics).</summary>
    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    internal void Return(MessageLease lease)
    {
        lock (_gate)
        {
            if (_count < _items.Length)
            {
                _items[_count++] = lease;
            }
        }
    }
}
