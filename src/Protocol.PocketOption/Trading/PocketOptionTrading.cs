using Protocol.PocketOption.Trading.Deals;
using Protocol.PocketOption.Trading.Orders;
using Protocol.PocketOption.Trading.PendingOrders;
using Protocol.PocketOption.Wire.Trading;
using Protocol.Trading.Trades;

namespace Protocol.PocketOption.Trading;

/// <summary>
/// Trading on PocketOption: quick trades checked before they are sent and correlated by request id, their results, and the deal
/// book. Build the client with <see cref="PocketOptionTradingRegistration.AddPocketOptionTrading"/>; nothing that moves money is
/// ever re-sent.
/// </summary>
/// <example><code>
/// var trading = new PocketOptionTrading(client, account);
/// Deal deal = await trading.BuyAsync("EURUSD_otc", 5m, TimeSpan.FromMinutes(1), ct);
/// TradeResult result = await trading.CheckResultAsync(deal.Id, cancellationToken: ct);   // waits for expiry + grace at most
/// </code></example>
public sealed class PocketOptionTrading
{
    private readonly Client<PocketOptionState> _client;
    private readonly ITradingAccount _account;
    private readonly PocketOptionTradingOptions _options;
    private readonly TradesApi _trades;
    private readonly DealsApi _deals;
    private readonly PendingOrdersApi _pending;

    /// <summary>Creates the trading API of a client.</summary>
    /// <param name="client">A client built with <see cref="PocketOptionTradingRegistration.AddPocketOptionTrading"/>.</param>
    /// <param name="account">The account: demo or real, and its assets.</param>
    /// <param name="options">Limits and timeouts; the defaults when null.</param>
    /// <exception cref="ModuleNotFoundException">The client was built without the trading modules.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is not valid.</exception>
    public PocketOptionTrading(Client<PocketOptionState> client, ITradingAccount account, PocketOptionTradingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(account);
        _options = options ?? new PocketOptionTradingOptions();
        _options.Validate();
        _client = client;
        _account = account;
        _trades = client.GetApi<TradesApi>();
        _deals = client.GetApi<DealsApi>();
        _pending = client.GetApi<PendingOrdersApi>();
    }

    /// <summary>The account's open and closed deals.</summary>
    public DealBook Deals => _client.State.Deals;

    /// <summary>The pending orders this client placed and has not seen cancelled (see <see cref="PendingOrderBook"/>).</summary>
    public PendingOrderBook PendingOrders => _client.State.PendingOrders;

    /// <summary>Opens a call (buy) on <paramref name="asset"/>. See <see cref="OpenAsync"/>.</summary>
    /// <param name="asset">The asset's symbol.</param>
    /// <param name="amount">The stake.</param>
    /// <param name="expiry">The trade's duration.</param>
    /// <param name="cancellationToken">Abandons the wait (the order, if already sent, may still open: see <see cref="OpenAsync"/>).</param>
    /// <returns>The opened deal.</returns>
    public Task<Deal> BuyAsync(string asset, decimal amount, TimeSpan expiry, CancellationToken cancellationToken = default)
        => OpenAsync(asset, TradeDirection.Buy, amount, expiry, null, cancellationToken);

    /// <summary>Opens a put (sell) on <paramref name="asset"/>. See <see cref="OpenAsync"/>.</summary>
    /// <param name="asset">The asset's symbol.</param>
    /// <param name="amount">The stake.</param>
    /// <param name="expiry">The trade's duration.</param>
    /// <param name="cancellationToken">Abandons the wait (the order, if already sent, may still open: see <see cref="OpenAsync"/>).</param>
    /// <returns>The opened deal.</returns>
    public Task<Deal> SellAsync(string asset, decimal amount, TimeSpan expiry, CancellationToken cancellationToken = default)
        => OpenAsync(asset, TradeDirection.Sell, amount, expiry, null, cancellationToken);

    /// <summary>
    /// Checks the order (asset known and active, expiry allowed for it, amount within the limits), sends one <c>openOrder</c> with a
    /// fresh request id and waits for the deal that echoes it. The deal is in <see cref="Deals"/> when this returns.
    /// </summary>
    /// <param name="asset">The asset's symbol, e.g. <c>EURUSD_otc</c>.</param>
    /// <param name="direction">Buy (call) or sell (put).</param>
    /// <param name="amount">The stake.</param>
    /// <param name="expiry">The trade's duration (a whole number of seconds the asset allows).</param>
    /// <param name="timeout">How long to wait for the answer; <see cref="PocketOptionTradingOptions.OrderTimeout"/> when null.</param>
    /// <param name="cancellationToken">
    /// Abandons the wait. Cancelling after the order was sent does not undo it: a deal the platform opens for it still joins
    /// <see cref="Deals"/>, flagged as a late answer.
    /// </param>
    /// <returns>The opened deal.</returns>
    /// <exception cref="OrderCheckException">The order failed a check; nothing was sent.</exception>
    /// <exception cref="OrderRejectedException">The platform refused it (<c>failopenOrder</c>).</exception>
    /// <exception cref="OrderOutcomeUnknownException">It was sent but no answer came (timeout, or the connection was lost); never re-sent.</exception>
    /// <exception cref="NotReadyException">The client is not Ready; nothing was sent.</exception>
    /// <exception cref="ConnectionLostException">The connection was lost before the order was written; nothing was sent.</exception>
    public async Task<Deal> OpenAsync(string asset, TradeDirection direction, decimal amount, TimeSpan expiry, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var order = CheckOrder(asset, direction, amount, expiry);
        try
        {
            var opened = await _trades.OpenOrderAsync(order, timeout ?? _options.OrderTimeout, cancellationToken).ConfigureAwait(false);
            return opened.Deal;
        }
        catch (CommandTimeoutException error)
        {
            return OutcomeUnknown(order, error);
        }
        catch (ConnectionLostException error) when (!error.NothingSent)
        {
            return OutcomeUnknown(order, error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The frame may be on the wire: a deal that opens for it later is flagged as a late answer.
            _client.State.Deals.MarkOutcomeUnknown(order.RequestId);
            throw;
        }
    }

    /// <summary>
    /// Waits for a deal's result: at once for a closed deal, otherwise until it closes. The wait is registered before the deal book is
    /// read, so a close cannot slip in between; a connection lost meanwhile is waited out (the deal's close then comes from the
    /// <c>updateClosedDeals</c> that follows the re-login).
    /// </summary>
    /// <param name="dealId">The deal's id.</param>
    /// <param name="timeout">The bound on the whole wait; by default the deal's duration plus <see cref="PocketOptionTradingOptions.ResultGrace"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Win, loss or draw, with the profit.</returns>
    /// <exception cref="DealNotFoundException">The deal is neither open nor among the kept closed deals.</exception>
    /// <exception cref="TradeResultTimeoutException">The deal did not close in time (it may still close).</exception>
    public async Task<TradeResult> CheckResultAsync(string dealId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dealId);
        var book = _client.State.Deals;
        if (book.TryGetClosed(dealId, out var closed))
        {
            return closed.Result;
        }

        if (!book.TryGetOpened(dealId, out var open))
        {
            throw new DealNotFoundException(dealId);
        }

        var limit = timeout ?? DefaultResultTimeout(open);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        var time = _client.TimeProvider;
        var started = time.GetTimestamp();
        while (true)
        {
            var remaining = limit - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TradeResultTimeoutException(dealId, limit);
            }

            if (_client.ConnectionState != ConnectionState.Ready)
            {
                try
                {
                    await _client.WaitUntilReadyAsync(remaining, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    throw new TradeResultTimeoutException(dealId, limit);
                }

                continue;
            }

            InboundWait<UpdateClosedDeals> byUpdate;
            InboundWait<SuccessCloseOrder> byOrder;
            try
            {
                byUpdate = _deals.WaitDealClosed(dealId);
            }
            catch (NotReadyException)
            {
                continue;
            }

            using (byUpdate)
            {
                try
                {
                    byOrder = _deals.WaitDealClosedByOrder(dealId);
                }
                catch (NotReadyException)
                {
                    continue;
                }

                using (byOrder)
                {
                    // Registered first, read second: a close that arrives now completes a wait instead of being missed.
                    if (book.TryGetClosed(dealId, out closed))
                    {
                        return closed.Result;
                    }

                    try
                    {
                        await WhenEitherAsync(byUpdate, byOrder, remaining, cancellationToken).ConfigureAwait(false);
                    }
                    catch (ConnectionLostException)
                    {
                        continue;
                    }
                    catch (InboundWaitTimeoutException)
                    {
                        throw new TradeResultTimeoutException(dealId, limit);
                    }

                    // The handlers ran before the wait completed, so the deal is in the closed deals.
                    if (book.TryGetClosed(dealId, out closed))
                    {
                        return closed.Result;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Places a pending order (sends one <c>openPendingOrder</c>, checked like a quick trade: asset known, amount within the limits)
    /// and waits for the platform's answer, matched first in, first out (the platform echoes no id). Never re-sent.
    /// </summary>
    /// <param name="order">The order as the platform takes it.</param>
    /// <param name="timeout">How long to wait; <see cref="PocketOptionTradingOptions.PendingOrderTimeout"/> when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The placed order (its <see cref="PendingOrder.Ticket"/> is what cancelling takes).</returns>
    /// <exception cref="OrderCheckException">The order failed a check; nothing was sent.</exception>
    /// <exception cref="PendingOrderRejectedException">The platform refused it.</exception>
    /// <exception cref="CommandTimeoutException">No answer in time; the order may still have been placed.</exception>
    public async Task<PendingOrder> OpenPendingOrderAsync(OpenPendingOrder order, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        CheckAmount(order.Amount);
        CheckAsset(order.Asset);
        var placed = await _pending.OpenPendingOrderAsync(order, timeout ?? _options.PendingOrderTimeout, cancellationToken).ConfigureAwait(false);
        return placed.Order;
    }

    /// <summary>Cancels a pending order (one <c>cancelPendingOrder</c>) and waits for the platform's answer.</summary>
    /// <param name="ticket">The order's ticket.</param>
    /// <param name="timeout">How long to wait; <see cref="PocketOptionTradingOptions.PendingOrderTimeout"/> when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes once the platform confirmed.</returns>
    /// <exception cref="PendingOrderRejectedException">The platform refused (e.g. no such order).</exception>
    /// <exception cref="CommandTimeoutException">No answer in time.</exception>
    public async Task CancelPendingOrderAsync(string ticket, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticket);
        await _pending.CancelPendingOrderAsync(new CancelPendingOrder { Ticket = ticket }, timeout ?? _options.PendingOrderTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels several pending orders (one <c>cancelPendingOrders</c>) and waits for the platform's answer.</summary>
    /// <param name="tickets">The orders' tickets (at least one).</param>
    /// <param name="timeout">How long to wait; <see cref="PocketOptionTradingOptions.PendingOrderTimeout"/> when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The tickets the platform reports cancelled.</returns>
    /// <exception cref="PendingOrderRejectedException">The platform refused.</exception>
    /// <exception cref="CommandTimeoutException">No answer in time.</exception>
    public async Task<IReadOnlyList<string>> CancelPendingOrdersAsync(IEnumerable<string> tickets, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        List<string> list = [.. tickets];
        if (list.Count == 0 || list.Exists(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Pass at least one ticket, none of them empty (the Ticket of each PendingOrder to cancel).", nameof(tickets));
        }

        var cancelled = await _pending.CancelPendingOrdersAsync(new CancelPendingOrders { Tickets = list }, timeout ?? _options.PendingOrderTimeout, cancellationToken).ConfigureAwait(false);
        return cancelled.CancelledTickets();
    }

    private static async Task WhenEitherAsync(InboundWait<UpdateClosedDeals> first, InboundWait<SuccessCloseOrder> second, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task a = first.WaitAsync(timeout, stop.Token);
        Task b = second.WaitAsync(timeout, stop.Token);
        var winner = await Task.WhenAny(a, b).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(a, b).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Observed here; the outcome is decided below.
        }

        if (a.IsCompletedSuccessfully || b.IsCompletedSuccessfully)
        {
            return;
        }

        await winner.ConfigureAwait(false);
    }

    private TimeSpan DefaultResultTimeout(Deal deal)
        => deal.OpenTimestamp is { } opened && deal.CloseTimestamp is { } closes && closes > opened && closes - opened < TimeSpan.FromDays(1).TotalSeconds
            ? TimeSpan.FromSeconds(closes - opened) + _options.ResultGrace
            : _options.ResultTimeoutWithoutExpiry;

    private Deal OutcomeUnknown(OpenOrder order, Exception error)
    {
        // The answer may have raced the failure: then the deal is known and the order did open.
        if (_client.State.Deals.MarkOutcomeUnknown(order.RequestId) is { } deal)
        {
            return deal;
        }

        throw new OrderOutcomeUnknownException(order.RequestId, order.Asset, order.Amount, error);
    }

    private void CheckAmount(decimal amount)
    {
        if (amount < _options.MinAmount || amount > _options.MaxAmount)
        {
            throw new OrderCheckException(OrderProblem.AmountOutOfRange,
                $"The amount {amount} is outside the allowed {_options.MinAmount}–{_options.MaxAmount}; nothing was sent. Pass a stake within the limits (PocketOptionTradingOptions.MinAmount/MaxAmount).");
        }
    }

    private Protocol.Trading.Market.AssetInfo CheckAsset(string asset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        var info = _account.FindAsset(asset)
            ?? throw new OrderCheckException(OrderProblem.UnknownAsset,
                $"The asset '{asset}' is not in the platform's asset list; nothing was sent. Check the symbol (e.g. EURUSD_otc, case-sensitive) or wait until the asset list has arrived.");
        if (!info.IsActive)
        {
            throw new OrderCheckException(OrderProblem.InactiveAsset,
                $"The asset '{asset}' cannot be traded now (the platform marks it inactive); nothing was sent. Pick an active asset or try again when it opens.");
        }

        return info;
    }

    private OpenOrder CheckOrder(string asset, TradeDirection direction, decimal amount, TimeSpan expiry)
    {
        CheckAmount(amount);
        var info = CheckAsset(asset);

        var whole = expiry.Ticks % TimeSpan.TicksPerSecond == 0;
        if (expiry <= TimeSpan.Zero || !whole || (info.AllowedExpiries.Count > 0 && !info.IsExpiryAllowed(expiry)))
        {
            var allowed = info.AllowedExpiries.Count > 0 ? string.Join(", ", info.AllowedExpiries.Select(e => $"{e.TotalSeconds:0} s")) : "any positive whole number of seconds";
            throw new OrderCheckException(OrderProblem.ExpiryNotAllowed,
                $"The expiry {expiry} is not allowed for '{asset}'; nothing was sent. Allowed: {allowed}.");
        }

        return new OpenOrder
        {
            Asset = asset,
            Action = direction.ToOrderAction(),
            Amount = amount,
            IsDemo = _account.IsDemo ? 1 : 0,
            RequestId = Guid.NewGuid().ToString(),
            Time = (long)expiry.TotalSeconds,
        };
    }
}
