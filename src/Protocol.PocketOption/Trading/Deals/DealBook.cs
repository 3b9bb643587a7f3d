using System.Diagnostics.CodeAnalysis;
using Protocol.PocketOption.Wire.Trading;

namespace Protocol.PocketOption.Trading.Deals;

/// <summary>
/// The open and the recently closed deals of the account, by id. A deal the platform reports again replaces the earlier
/// copy (upsert); a closed deal leaves the open ones; only the newest <see cref="ClosedCapacity"/> closed deals are kept.
/// Safe to read from any thread; the trading modules write it on the receive path.
/// </summary>
/// <example><code>
/// state.Deals.DealOpened += (_, e) => Console.WriteLine(e.IsLateAnswer ? $"late: {e.Deal}" : $"opened: {e.Deal}");
/// foreach (var deal in state.Deals.Opened) Console.WriteLine(deal);
/// </code></example>
public sealed class DealBook
{
    /// <summary>How many closed deals are kept (the newest; older ones are dropped as new ones close).</summary>
    public const int ClosedCapacity = 1000;

    // Request ids of orders that failed with "outcome unknown", so a deal that shows up later is flagged; bounded like the closed deals.
    private const int UnknownCapacity = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Deal> _opened = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Deal> _closed = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _closedOrder = new();
    private readonly Dictionary<string, LinkedListNode<string>> _closedNodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unknownRequests = new(StringComparer.Ordinal);
    private readonly Queue<string> _unknownOrder = new();

    /// <summary>
    /// Raised when a deal first joins the open deals (from the answer to an order, or from <c>updateOpenedDeals</c>), on the
    /// receive path and before the order that opened it completes: keep handlers short. <see cref="DealOpenedEventArgs.IsLateAnswer"/>
    /// marks a deal whose order had failed with <see cref="Orders.OrderOutcomeUnknownException"/>: the position exists after all.
    /// </summary>
    public event EventHandler<DealOpenedEventArgs>? DealOpened;

    /// <summary>Raised when a deal first joins the closed deals, on the receive path: keep handlers short.</summary>
    public event EventHandler<DealClosedEventArgs>? DealClosed;

    /// <summary>The open deals now (a snapshot, in no particular order).</summary>
    public IReadOnlyList<Deal> Opened
    {
        get
        {
            lock (_gate)
            {
                return [.. _opened.Values];
            }
        }
    }

    /// <summary>The kept closed deals now (a snapshot, the most recently closed first).</summary>
    public IReadOnlyList<Deal> Closed
    {
        get
        {
            lock (_gate)
            {
                var deals = new List<Deal>(_closed.Count);
                for (var node = _closedOrder.Last; node is not null; node = node.Previous)
                {
                    deals.Add(_closed[node.Value]);
                }

                return deals;
            }
        }
    }

    /// <summary>Finds an open deal.</summary>
    /// <param name="dealId">The deal's id.</param>
    /// <param name="deal">The deal, when open.</param>
    /// <returns>Whether the deal is open.</returns>
    public bool TryGetOpened(string dealId, [NotNullWhen(true)] out Deal? deal)
    {
        ArgumentNullException.ThrowIfNull(dealId);
        lock (_gate)
        {
            return _opened.TryGetValue(dealId, out deal);
        }
    }

    /// <summary>Finds a closed deal (among the newest <see cref="ClosedCapacity"/>).</summary>
    /// <param name="dealId">The deal's id.</param>
    /// <param name="deal">The deal, when closed and kept.</param>
    /// <returns>Whether the deal is closed and kept.</returns>
    public bool TryGetClosed(string dealId, [NotNullWhen(true)] out Deal? deal)
    {
        ArgumentNullException.ThrowIfNull(dealId);
        lock (_gate)
        {
            return _closed.TryGetValue(dealId, out deal);
        }
    }

    /// <summary>Finds the deal an order opened, by the order's request id (open deals first, then closed ones).</summary>
    /// <param name="requestId">The <c>requestId</c> the order was sent with (e.g. <see cref="Orders.OrderOutcomeUnknownException.RequestId"/>).</param>
    /// <param name="deal">The deal, when known.</param>
    /// <returns>Whether a deal carries that request id.</returns>
    public bool TryGetByRequestId(string requestId, [NotNullWhen(true)] out Deal? deal)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        lock (_gate)
        {
            deal = FindByRequestId(requestId);
            return deal is not null;
        }
    }

    // Upserts an open deal; returns the event to raise when it is new. A deal already closed stays closed (a late copy is not news).
    internal DealOpenedEventArgs? RecordOpened(Deal deal)
    {
        lock (_gate)
        {
            if (_closed.ContainsKey(deal.Id))
            {
                return null;
            }

            var isNew = !_opened.ContainsKey(deal.Id);
            _opened[deal.Id] = deal;
            if (!isNew)
            {
                return null;
            }

            var late = deal.RequestId is { } requestId && _unknownRequests.Remove(requestId);
            return new DealOpenedEventArgs(deal, late);
        }
    }

    // Moves a deal to the closed ones (newest), dropping the oldest past the capacity; returns the event to raise when it is new.
    internal DealClosedEventArgs? RecordClosed(Deal deal)
    {
        lock (_gate)
        {
            _opened.Remove(deal.Id);
            var isNew = !_closed.ContainsKey(deal.Id);
            _closed[deal.Id] = deal;
            if (!isNew)
            {
                return null;
            }

            _closedNodes[deal.Id] = _closedOrder.AddLast(deal.Id);
            while (_closed.Count > ClosedCapacity)
            {
                var oldest = _closedOrder.First!;
                _closedOrder.RemoveFirst();
                _closedNodes.Remove(oldest.Value);
                _closed.Remove(oldest.Value);
            }

            if (deal.RequestId is { } requestId)
            {
                _unknownRequests.Remove(requestId);
            }

            return new DealClosedEventArgs(deal);
        }
    }

    // Remembers an order whose outcome is unknown; returns its deal instead when that already arrived (the answer raced the failure).
    internal Deal? MarkOutcomeUnknown(string requestId)
    {
        lock (_gate)
        {
            if (FindByRequestId(requestId) is { } deal)
            {
                return deal;
            }

            if (_unknownRequests.Add(requestId))
            {
                _unknownOrder.Enqueue(requestId);
                while (_unknownOrder.Count > UnknownCapacity)
                {
                    _unknownRequests.Remove(_unknownOrder.Dequeue());
                }
            }

            return null;
        }
    }

    internal void Raise(DealOpenedEventArgs e) => DealOpened?.Invoke(this, e);

    internal void Raise(DealClosedEventArgs e) => DealClosed?.Invoke(this, e);

    private Deal? FindByRequestId(string requestId)
    {
        foreach (var deal in _opened.Values)
        {
            if (deal.RequestId == requestId) return deal;
        }

        foreach (var deal in _closed.Values)
        {
            if (deal.RequestId == requestId) return deal;
        }

        return null;
    }
}
