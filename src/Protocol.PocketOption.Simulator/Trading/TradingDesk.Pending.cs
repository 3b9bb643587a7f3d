using System.Collections.Concurrent;
using System.Text.Json;
using Protocol.PocketOption.Simulator.Accounts;
using Protocol.PocketOption.Simulator.Market;
using Protocol.PocketOption.Simulator.Wire;

namespace Protocol.PocketOption.Simulator.Trading;

/// <summary>
/// Pending orders (§3.1 <c>openPendingOrder</c>, <c>cancelPendingOrder(s)</c>) [simulator-defined triggers]: an order by
/// time (<c>openType</c> 0) opens when the clock reaches <c>openTime</c>; an order by price (<c>openType</c> 1) opens at the
/// first tick that reaches <c>openPrice</c> from the side the price was on when it was placed. Nothing is debited until it
/// opens; then it is a normal deal (opened at the trigger's instant and the feed's price then), settled at expiry.
/// </summary>
internal sealed partial class TradingDesk
{
    private readonly ConcurrentDictionary<Guid, PendingOrder> _pending = new();
    private long _nextPendingId;

    /// <summary>How many pending orders wait for their trigger.</summary>
    public int PendingCount => _pending.Count;

    public PendingAnswer OpenPending(SimulatorAccount account, JsonElement order)
    {
        if (!PendingOrderRequest.TryParse(order, out var request))
        {
            var (symbol, amount) = OrderRequest.Echo(order);
            return PendingFail(
                "The pending order is not valid: openType (0 by time, 1 by price), amount, asset, timeframe (seconds), command (0 call, 1 put), and openTime (openType 0) or a positive openPrice (openType 1) are required.",
                amount,
                symbol);
        }

        var now = _clock.GetUtcNow();
        var known = _feed.TryGetAsset(request.Asset, out var asset);
        var error = request.Amount <= 0 ? "The amount must be positive."
            : !known ? "The asset is not found."
            : !asset.IsActive ? "The asset is not active now."
            : !asset.ExpirySeconds.Contains(request.Timeframe) ? $"The expiration time {request.Timeframe} s is not allowed for {asset.Symbol}."
            : asset.Payout < request.MinPayout ? $"The payout of {asset.Symbol} ({asset.Payout} %) is under minPayout ({request.MinPayout} %)."
            : request.Trigger == PendingTrigger.Time && request.OpenAt <= now ? "The open time is not in the future."
            : null;
        if (error is not null)
        {
            return PendingFail(error, request.Amount, request.Asset);
        }

        lock (account.Gate)
        {
            // Checked now and again when it opens: nothing is reserved meanwhile.
            if (request.Amount > account.Balance)
            {
                return PendingFail("Not enough money on the balance.", request.Amount, request.Asset);
            }
        }

        var pending = new PendingOrder
        {
            Ticket = Guid.NewGuid(),
            Id = Interlocked.Increment(ref _nextPendingId),
            Account = account,
            Request = request,
            Asset = asset,
            Created = now,
        };
        var json = PendingJson.Order(pending);
        Watch(pending, now);
        return new PendingAnswer(true, json);
    }

    public PendingAnswer CancelPending(SimulatorAccount account, JsonElement request)
    {
        var ticket = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
        if (ticket is null)
        {
            return new PendingAnswer(false, PendingJson.CancelFailed("The request is not valid: ticket (a pending order's ticket) is required.", null));
        }

        return TryCancel(account, ticket)
            ? new PendingAnswer(true, PendingJson.Cancelled(ticket))
            : new PendingAnswer(false, PendingJson.CancelFailed("The ticket is not a pending order of this account.", ticket));
    }

    public PendingAnswer CancelPendingMany(SimulatorAccount account, JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("tickets", out var tickets) || tickets.ValueKind != JsonValueKind.Array
            || tickets.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return new PendingAnswer(false, PendingJson.CancelFailed("The request is not valid: tickets (an array of pending order tickets) is required.", null));
        }

        var cancelled = tickets.EnumerateArray().Select(e => e.GetString()!).Where(ticket => TryCancel(account, ticket)).ToList();
        return cancelled.Count > 0
            ? new PendingAnswer(true, PendingJson.CancelledMany(cancelled))
            : new PendingAnswer(false, PendingJson.CancelFailed("None of the tickets is a pending order of this account.", null));
    }

    private static PendingAnswer PendingFail(string error, decimal amount, string asset) => new(false, DealJson.FailOpenOrder(error, amount, asset));

    private bool TryCancel(SimulatorAccount account, string ticket)
    {
        if (!Guid.TryParse(ticket, out var id) || !_pending.TryGetValue(id, out var order) || order.Account != account
            || !_pending.TryRemove(new KeyValuePair<Guid, PendingOrder>(id, order)))
        {
            return false;
        }

        Stop(order);
        return true;
    }

    // Registered before armed, so a trigger always finds its order; a desk disposed meanwhile stops it at once.
    private void Watch(PendingOrder order, DateTimeOffset now)
    {
        var asset = order.Asset;
        TimeSpan due, period;
        lock (order.Gate)
        {
            if (order.Request.Trigger == PendingTrigger.Time)
            {
                due = order.Request.OpenAt!.Value - now;
                period = Timeout.InfiniteTimeSpan;
            }
            else
            {
                order.LastStep = PriceFeed.StepAt(asset, now);
                order.Side = Math.Sign(_feed.PriceAt(asset.Symbol, now) - order.Request.OpenPrice);
                period = asset.TickInterval;
                var ticks = (now - DateTimeOffset.UnixEpoch).Ticks;
                due = TimeSpan.FromTicks(period.Ticks - (((ticks % period.Ticks) + period.Ticks) % period.Ticks));
            }

            order.Timer = _clock.CreateTimer(static s => ((PendingWatch)s!).Run(), new PendingWatch(this, order), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        _pending[order.Ticket] = order;
        if (Volatile.Read(ref _disposed) == 1)
        {
            _pending.TryRemove(order.Ticket, out _);
            Stop(order);
            return;
        }

        lock (order.Gate)
        {
            order.Timer?.Change(due, period);
        }
    }

    private void OnWatch(PendingOrder order)
    {
        DateTimeOffset? at = null;
        lock (order.Gate)
        {
            if (order.Timer is null)
            {
                return; // cancelled or triggered meanwhile
            }

            if (order.Request.Trigger == PendingTrigger.Time)
            {
                at = order.Request.OpenAt;
            }
            else
            {
                // Every tick since the last look, so a clock that jumps (a fake one advanced by minutes) misses no crossing.
                var asset = order.Asset;
                var last = PriceFeed.StepAt(asset, _clock.GetUtcNow());
                for (var step = order.LastStep + 1; step <= last && at is null; step++)
                {
                    var time = PriceFeed.TimeOfStep(asset, step);
                    var price = _feed.PriceAt(asset.Symbol, time);
                    var reached = order.Side switch
                    {
                        < 0 => price >= order.Request.OpenPrice,
                        > 0 => price <= order.Request.OpenPrice,
                        _ => true,
                    };
                    if (reached)
                    {
                        at = time;
                    }
                }

                order.LastStep = last;
            }
        }

        if (at is { } openTime && _pending.TryRemove(new KeyValuePair<Guid, PendingOrder>(order.Ticket, order)))
        {
            Stop(order);
            Trigger(order, openTime);
        }
    }

    // The pending order becomes a deal: pushed to every login of the account as a market order's answer would be, or, if
    // the balance no longer covers it, refused with failopenOrder [simulator-defined].
    private void Trigger(PendingOrder order, DateTimeOffset openTime)
    {
        var request = order.Request;
        var result = OpenDeal(order.Account, order.Asset, request.Command, request.Amount, request.Timeframe, null, openTime);
        foreach (var socket in order.Account.Sockets)
        {
            if (result.Error is not null)
            {
                _emit.Post(socket, "failopenOrder", result.FailJson!);
                continue;
            }

            _emit.Post(socket, "successopenOrder", result.DealJson!);
            _emit.Post(socket, "updateOpenedDeals", result.OpenedJson!);
            _emit.Post(socket, "successupdateBalance", result.BalanceJson!);
        }
    }

    private static void Stop(PendingOrder order)
    {
        ITimer? timer;
        lock (order.Gate)
        {
            timer = order.Timer;
            order.Timer = null;
        }

        timer?.Dispose();
    }

    private void DisposePending()
    {
        foreach (var ticket in _pending.Keys)
        {
            if (_pending.TryRemove(ticket, out var order))
            {
                Stop(order);
            }
        }
    }

    private sealed record PendingWatch(TradingDesk Desk, PendingOrder Order)
    {
        public void Run() => Desk.OnWatch(Order);
    }
}
