using Protocol.ExpertOption.Wire.Trading;

namespace Protocol.ExpertOption;

/// <summary>
/// The trades seen closing, by id, bounded: only the newest <see cref="Capacity"/> are kept (the oldest is dropped as a new one
/// closes), so a long-running bot's memory does not grow with its trade count. A trade reported again replaces its copy.
/// </summary>
internal sealed class ClosedTradeBook(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, TradeRow> _trades = [];
    private readonly Queue<long> _order = new();

    public int Capacity { get; } = capacity;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _trades.Count;
            }
        }
    }

    public TradeRow this[long id]
    {
        set
        {
            lock (_gate)
            {
                if (_trades.TryAdd(id, value))
                {
                    _order.Enqueue(id);
                    while (_trades.Count > Capacity)
                    {
                        _trades.Remove(_order.Dequeue());
                    }
                }
                else
                {
                    _trades[id] = value;
                }
            }
        }
    }

    public bool TryGetValue(long id, out TradeRow trade)
    {
        lock (_gate)
        {
            return _trades.TryGetValue(id, out trade!);
        }
    }
}
