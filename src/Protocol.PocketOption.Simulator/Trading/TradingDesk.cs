using System.Collections.Concurrent;
using System.Text.Json;
using Protocol.PocketOption.Simulator.Accounts;
using Protocol.PocketOption.Simulator.Market;
using Protocol.PocketOption.Simulator.Wire;

namespace Protocol.PocketOption.Simulator.Trading;

/// <summary>
/// Opens and settles orders (§3.1 <c>openOrder</c>, §3.2 Deal): the amount is debited at open, the open price is the
/// feed's price when the order is accepted, and at open + expiry (a timer on the simulator's clock) the close price is the
/// feed's price then. A call wins when close &gt; open, a put when close &lt; open; equal is a draw that refunds the amount;
/// a win credits amount × (1 + payout / 100).
/// </summary>
internal sealed partial class TradingDesk : IDisposable
{
    /// <summary>How many closed deals <c>updateClosedDeals</c> lists, newest first [simulator-defined].</summary>
    public const int ClosedListed = 50;

    private readonly PriceFeed _feed;
    private readonly TimeProvider _clock;
    private readonly PocketEmitter _emit;
    private readonly ConcurrentDictionary<Guid, ITimer> _timers = new();
    private int _disposed;

    public TradingDesk(PriceFeed feed, TimeProvider clock, PocketEmitter emit)
    {
        _feed = feed;
        _clock = clock;
        _emit = emit;
    }

    /// <summary>How many orders wait for their expiry.</summary>
    public int OpenCount => _timers.Count;

    public OrderResult Open(SimulatorAccount account, JsonElement order)
    {
        if (!OrderRequest.TryParse(order, out var request))
        {
            var (symbol, amount) = OrderRequest.Echo(order);
            return Fail("The order is not valid: asset, action (call or put), amount and time (seconds) are required.", amount, symbol);
        }

        if (request.Amount <= 0)
        {
            return Fail("The amount must be positive.", request.Amount, request.Asset);
        }

        if (!_feed.TryGetAsset(request.Asset, out var asset))
        {
            return Fail("The asset is not found.", request.Amount, request.Asset);
        }

        if (!asset.IsActive)
        {
            return Fail("The asset is not active now.", request.Amount, request.Asset);
        }

        if (!asset.ExpirySeconds.Contains(request.ExpirySeconds))
        {
            return Fail($"The expiration time {request.ExpirySeconds} s is not allowed for {asset.Symbol}.", request.Amount, request.Asset);
        }

        return OpenDeal(account, asset, request.Command, request.Amount, request.ExpirySeconds, request.RequestIdJson, _clock.GetUtcNow());
    }

    // Debits the amount and arms the settlement of a deal opened at `openTime` (now for a market order, the trigger's
    // instant for a pending one) at the feed's price then.
    private OrderResult OpenDeal(SimulatorAccount account, SimulatedAsset asset, int command, decimal amount, int expirySeconds, string? requestIdJson, DateTimeOffset openTime)
    {
        var deal = new SimulatedDeal
        {
            Id = Guid.NewGuid(),
            RequestIdJson = requestIdJson,
            Uid = account.Uid,
            IsDemo = account.IsDemo,
            Asset = asset,
            Command = command,
            Amount = amount,
            Payout = asset.Payout,
            OpenTime = openTime,
            CloseTime = openTime + TimeSpan.FromSeconds(expirySeconds),
            OpenPrice = _feed.PriceAt(asset.Symbol, openTime),
        };

        OrderResult result;
        lock (account.Gate)
        {
            if (amount > account.Balance)
            {
                return Fail("Not enough money on the balance.", amount, asset.Symbol);
            }

            account.Balance -= amount;
            account.Opened.Add(deal);
            result = new OrderResult(null, null, DealJson.Deal(deal), DealJson.Deals(account.Opened), PocketJson.Balance(account.Uid, account.IsDemo, account.Balance));
        }

        // Armed only once registered, so the callback always finds its timer to dispose.
        var timer = _clock.CreateTimer(static s => ((Settlement)s!).Run(), new Settlement(this, account, deal), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timers[deal.Id] = timer;
        if (Volatile.Read(ref _disposed) == 1)
        {
            timer.Dispose();
        }
        else
        {
            var due = deal.CloseTime - _clock.GetUtcNow();
            timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return result;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        DisposePending();
        foreach (var id in _timers.Keys)
        {
            if (_timers.TryRemove(id, out var timer))
            {
                timer.Dispose();
            }
        }
    }

    private static OrderResult Fail(string error, decimal amount, string asset) => new(error, DealJson.FailOpenOrder(error, amount, asset), null, null, null);

    private void Settle(SimulatorAccount account, SimulatedDeal deal)
    {
        if (!_timers.TryRemove(deal.Id, out var timer))
        {
            return; // the desk was disposed
        }

        timer.Dispose();
        var close = _feed.PriceAt(deal.Asset.Symbol, deal.CloseTime);
        var won = deal.Command == 0 ? close > deal.OpenPrice : close < deal.OpenPrice;
        var draw = close == deal.OpenPrice;
        byte[] closeJson, closedJson, balanceJson;
        lock (account.Gate)
        {
            deal.ClosePrice = close;
            deal.Profit = draw ? 0m : won ? Math.Round(deal.Amount * deal.Payout / 100m, 2, MidpointRounding.ToEven) : -deal.Amount;
            deal.IsClosed = true;
            account.Balance += draw ? deal.Amount : won ? deal.Amount + deal.Profit : 0m;
            account.Opened.Remove(deal);
            account.Closed.Insert(0, deal);
            if (account.Closed.Count > SimulatorAccount.ClosedKept)
            {
                account.Closed.RemoveAt(account.Closed.Count - 1);
            }

            closeJson = DealJson.CloseOrder(deal.Profit, [deal]);
            closedJson = DealJson.Deals(account.Closed.Take(ClosedListed));
            balanceJson = PocketJson.Balance(account.Uid, account.IsDemo, account.Balance);
        }

        foreach (var socket in account.Sockets)
        {
            _emit.Post(socket, "successcloseOrder", closeJson);
            _emit.Post(socket, "updateClosedDeals", closedJson);
            _emit.Post(socket, "successupdateBalance", balanceJson);
        }
    }

    private sealed record Settlement(TradingDesk Desk, SimulatorAccount Account, SimulatedDeal Deal)
    {
        public void Run() => Desk.Settle(Account, Deal);
    }
}
