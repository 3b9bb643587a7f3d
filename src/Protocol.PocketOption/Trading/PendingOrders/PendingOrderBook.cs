using System.Diagnostics.CodeAnalysis;
using Protocol.PocketOption.Wire.Trading;

namespace Protocol.PocketOption.Trading.PendingOrders;

/// <summary>
/// The pending orders this client placed and has not seen cancelled, keyed by ticket, in the order they were placed: added
/// on every <c>successopenPendingOrder</c> (a late answer to an order whose call timed out included), removed on
/// <c>successcancelPendingOrder</c> and on each ticket a <c>successcancelPendingOrders</c> lists. It survives reconnects
/// (the platform keeps pending orders across sessions).
/// </summary>
/// <remarks>
/// The book only knows what this client did: the platform lists no pending orders at login, and nothing it sends ties a deal
/// that opened to the ticket of the order that triggered it (pocketoption.md: a deal carries no ticket, and
/// <c>successupdatePending</c> is undocumented). An order that triggered therefore stays here until it is cancelled (the
/// platform then refuses: <see cref="PendingOrderRejectedException"/>, and the entry stays) or <see cref="Forget"/> removes it;
/// orders placed by another client or the web terminal are not here.
/// </remarks>
public sealed class PendingOrderBook
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PendingOrder> _byTicket = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>How many pending orders the book holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byTicket.Count;
            }
        }
    }

    /// <summary>A snapshot of the pending orders, oldest placed first.</summary>
    public IReadOnlyList<PendingOrder> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _order.Select(t => _byTicket[t])];
            }
        }
    }

    /// <summary>Finds a pending order by its ticket.</summary>
    /// <param name="ticket">The order's ticket.</param>
    /// <param name="order">The order, when the book holds it.</param>
    /// <returns>Whether the book holds it.</returns>
    public bool TryGet(string ticket, [NotNullWhen(true)] out PendingOrder? order)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        lock (_gate)
        {
            return _byTicket.TryGetValue(ticket, out order);
        }
    }

    /// <summary>
    /// Removes an order the platform no longer holds as pending (one you know triggered: the book cannot tell, see the remarks).
    /// Nothing is sent.
    /// </summary>
    /// <param name="ticket">The order's ticket.</param>
    /// <returns>Whether the book held it.</returns>
    public bool Forget(string ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Remove(ticket);
    }

    internal void Placed(PendingOrder order)
    {
        if (string.IsNullOrEmpty(order.Ticket))
        {
            // An answer without a ticket cannot be cancelled or looked up: there is nothing to keep.
            return;
        }

        lock (_gate)
        {
            if (_byTicket.TryAdd(order.Ticket, order))
            {
                _order.Add(order.Ticket);
            }
            else
            {
                _byTicket[order.Ticket] = order;
            }
        }
    }

    internal bool Remove(string ticket)
    {
        lock (_gate)
        {
            if (!_byTicket.Remove(ticket))
            {
                return false;
            }

            _order.Remove(ticket);
            return true;
        }
    }

    // The {"id":…,"success":…} answer names the order by its ticket or by the platform's numeric id.
    internal bool RemoveByTicketOrId(string ticketOrId)
    {
        lock (_gate)
        {
            var ticket = _byTicket.ContainsKey(ticketOrId)
                ? ticketOrId
                : _order.Find(t => _byTicket[t].Id is { } id && id.ToString(System.Globalization.CultureInfo.InvariantCulture) == ticketOrId);
            if (ticket is null)
            {
                return false;
            }

            _byTicket.Remove(ticket);
            _order.Remove(ticket);
            return true;
        }
    }
}
