using Protocol.PocketOption.Account;
using Protocol.PocketOption.Connection;
using Protocol.PocketOption.Market;
using Protocol.PocketOption.Session;
using Protocol.PocketOption.Trading;
using Protocol.PocketOption.Trading.Deals;
using Protocol.PocketOption.Trading.Orders;
using Protocol.PocketOption.Trading.PendingOrders;
using Protocol.PocketOption.Wire.Trading;
using Protocol.SocketIO;
using Protocol.Trading.Candles;
using Protocol.Trading.Market;
using Protocol.Trading.Time;
using Protocol.Trading.Trades;

namespace Protocol.PocketOption;

/// <summary>
/// A PocketOption client: logs in with an SSID, keeps the session alive and reconnects with backoff, and gives the
/// account's balance, the assets, candles live and from history, the server's clock, and trading: quick trades, their results,
/// the deal book and pending orders. Nothing that moves money is ever re-sent.
/// </summary>
/// <example><code>
/// await using var client = PocketOptionClient.Create(ssid, new PocketOptionOptions { Endpoint = simulator.Endpoint });
/// await client.ConnectAsync(ct);                                   // Ready, or LoginRejectedException at once
/// Console.WriteLine(await client.GetBalanceAsync(cancellationToken: ct));
/// await using var candles = await client.SubscribeAsync("EURUSD_otc", SubscriptionMode.TimeAligned(TimeSpan.FromSeconds(5)), ct);
/// await foreach (var candle in candles.WithCancellation(ct)) Console.WriteLine(candle);
/// Deal deal = await client.BuyAsync("EURUSD_otc", 5m, TimeSpan.FromSeconds(5), ct);
/// TradeResult result = await client.CheckResultAsync(deal.Id, cancellationToken: ct);  // Win/Loss/Draw and the profit
/// </code></example>
public sealed partial class PocketOptionClient : IAsyncDisposable
{
    private readonly PocketOptionOptions _options;
    private readonly AccountApi _account;
    private readonly MarketApi _market;
    private readonly CandleHistory _history;
    private readonly PocketOptionTrading _trading;

    private PocketOptionClient(Ssid ssid, PocketOptionOptions options)
    {
        _options = options;
        var builder = new ClientBuilder<PocketOptionState>(State)
            .UseConnection(options.Connection ?? SocketIOTransportConnection.Factory(o => o.TimeProvider = options.TimeProvider))
            .UseTimeProvider(options.TimeProvider)
            .WithName(options.Name)
            .UsePocketOption(ssid, options.DefaultSymbol)
            .AddRawModule()
            .AddPocketOptionTrading();
        foreach (var endpoint in PocketOptionEndpoints.For(ssid, options))
        {
            builder.AddEndpoint(endpoint);
        }

        if (options.Endpoint is null)
        {
            // PocketOption's regions: the preferred one first, else the fastest handshake first (ConfigureClient may still change it).
            builder.Configure(o =>
            {
                o.EndpointOrder.PreferredEndpoint = options.PreferredRegion;
                o.EndpointOrder.ProbeLatency = options.ProbeRegions;
                o.EndpointOrder.ProbeTimeout = options.RegionProbeTimeout;
            });
        }

        if (options.LoggerFactory is { } loggers)
        {
            builder.UseLoggerFactory(loggers);
        }

        if (options.ConfigureClient is { } configure)
        {
            builder.Configure(configure);
        }

        options.ConfigureBuilder?.Invoke(builder);
        Client = builder.Build();
        _account = Client.GetApi<AccountApi>();
        _market = Client.GetApi<MarketApi>();
        _history = new CandleHistory(_market, State, options.TimeProvider);
        _trading = new PocketOptionTrading(Client, new SessionTradingAccount(ssid, State), options.Trading);
    }

    /// <summary>What the client knows: balance, assets, server clock.</summary>
    public PocketOptionState State { get; } = new();

    /// <summary>The runtime client underneath (connection state, events, other modules' APIs).</summary>
    public Client<PocketOptionState> Client { get; }

    /// <summary>
    /// Raw access for what this client does not declare: handlers with validators (starts/ends-with, contains, regex with a
    /// time box, not, all, any, custom) over the raw frame, send, send-and-wait with a timeout, a stream of matches, and keep-alives
    /// (<see cref="RawApi.AddKeepAlive"/>) sent while Ready and replayed after every re-login. Raw handlers see every message,
    /// declared or not; one no module declares is reported as an unknown event (protocol drift) unless a raw handler matched it.
    /// </summary>
    public RawApi Raw => Client.GetApi<RawApi>();

    /// <summary>The connection state now.</summary>
    public ConnectionState ConnectionState => Client.ConnectionState;

    /// <summary>The server's clock, estimated from its ticks (stale when no tick arrived for 30 s).</summary>
    public ServerTimeReading ServerTime => State.ServerTime.Read(_options.TimeProvider);

    /// <summary>Creates a client (not connected yet: call <see cref="ConnectAsync"/>).</summary>
    /// <param name="ssid">The SSID as copied from the browser (see <see cref="Ssid.Parse"/>).</param>
    /// <param name="options">Endpoint, clock, logging and timeouts; defaults when null.</param>
    /// <returns>The client.</returns>
    /// <exception cref="SsidFormatException">The SSID is not valid; the message says which field and how to copy one.</exception>
    public static PocketOptionClient Create(string ssid, PocketOptionOptions? options = null) => Create(Ssid.Parse(ssid), options);

    /// <summary>Creates a client from a parsed SSID (not connected yet: call <see cref="ConnectAsync"/>).</summary>
    /// <param name="ssid">The SSID.</param>
    /// <param name="options">Endpoint, clock, logging and timeouts; defaults when null.</param>
    /// <returns>The client.</returns>
    public static PocketOptionClient Create(Ssid ssid, PocketOptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ssid);
        options ??= new PocketOptionOptions();
        options.Validate();
        return new PocketOptionClient(ssid, options);
    }

    /// <summary>
    /// Connects and logs in; returns once the client is Ready (the login accepted and the post-login requests sent). The
    /// client then stays connected, reconnecting with backoff, until disposed.
    /// </summary>
    /// <param name="cancellationToken">Abandons the wait (the client keeps trying until disposed).</param>
    /// <exception cref="LoginRejectedException">PocketOption refused the SSID: terminal, reported as soon as the server says so.</exception>
    /// <exception cref="TimeoutException">Not Ready within <see cref="PocketOptionOptions.ConnectTimeout"/> (e.g. no region reachable).</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await Client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await Client.WaitUntilReadyAsync(_options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account's balance: the last one the server sent, or the first to arrive.</summary>
    /// <param name="timeout">How long to wait for a first balance; <see cref="PocketOptionOptions.RequestTimeout"/> when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The balance.</returns>
    /// <exception cref="NotReadyException">The client is not Ready (call <see cref="ConnectAsync"/> first).</exception>
    /// <exception cref="InboundWaitTimeoutException">No balance arrived in time.</exception>
    public async Task<decimal> GetBalanceAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        // Registered before the state is read, so a balance arriving in between is not missed.
        using var wait = _account.WaitBalanceArrived(true);
        if (State.Balance is { } known)
        {
            return known;
        }

        return (await wait.WaitAsync(timeout ?? _options.RequestTimeout, cancellationToken).ConfigureAwait(false)).Balance;
    }

    /// <summary>
    /// Every balance the server sends from now on (after trades, deposits, …), until the enumeration ends. The subscription
    /// starts when this method is called, so a balance that arrives before the first read is not lost; enumerate the result
    /// (or dispose its enumerator) to end it.
    /// </summary>
    /// <remarks>
    /// Disposing the enumerator while a <c>MoveNextAsync</c> is pending ends that read with <see langword="false"/> (as a
    /// completed channel does) and never throws; cancelling <paramref name="cancellationToken"/> ends it with
    /// <see cref="OperationCanceledException"/>.
    /// </remarks>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <returns>The balances.</returns>
    public IAsyncEnumerable<decimal> WatchBalanceAsync(CancellationToken cancellationToken = default)
        => new BalanceWatch(_account.SubscribeBalance(), cancellationToken);

    /// <summary>The assets by symbol: the last list the server sent, or the first to arrive.</summary>
    /// <param name="timeout">How long to wait for a first list; <see cref="PocketOptionOptions.RequestTimeout"/> when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The assets (payout, OTC, active, allowed expiries).</returns>
    /// <exception cref="NotReadyException">The client is not Ready.</exception>
    /// <exception cref="InboundWaitTimeoutException">No asset list arrived in time.</exception>
    public async Task<IReadOnlyDictionary<string, AssetInfo>> GetAssetsAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var wait = _account.WaitAssetsArrived(true);
        if (State.Assets.Count > 0)
        {
            return State.Assets;
        }

        await wait.WaitAsync(timeout ?? _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return State.Assets;
    }

    /// <summary>
    /// Subscribes to an asset's candles, built from its live ticks under <paramref name="mode"/>. The first subscriber of an
    /// asset starts its stream on the server; several subscriptions per asset are fine; disposing one ends only it.
    /// </summary>
    /// <param name="asset">The asset, e.g. <c>EURUSD_otc</c>.</param>
    /// <param name="mode">None (every tick), chunks of n ticks, time windows, or time windows aligned to the clock.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <returns>The subscription: enumerate it once, dispose it to end it.</returns>
    /// <exception cref="SubscriptionStartException">The start messages could not be sent.</exception>
    public Task<CandleSubscription> SubscribeAsync(string asset, SubscriptionMode mode, CancellationToken cancellationToken = default)
        => SubscribeAsync(asset, mode, new CandleSubscriptionOptions(), cancellationToken);

    /// <summary>
    /// Subscribes to an asset's candles as <see cref="SubscribeAsync(string, SubscriptionMode, CancellationToken)"/> does, with
    /// options: <see cref="CandleSubscriptionOptions.BackfillOnResume"/> fills a reconnect's gap from history before live
    /// candles resume (read <see cref="CandleSubscription.ReadWithOriginAsync"/> to tell them apart).
    /// </summary>
    /// <param name="asset">The asset, e.g. <c>EURUSD_otc</c>.</param>
    /// <param name="mode">None, chunk, time or time-aligned; backfill needs time or time-aligned with whole seconds.</param>
    /// <param name="options">The subscription's options.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <returns>The subscription: enumerate it once, dispose it to end it.</returns>
    /// <exception cref="ArgumentException">Backfill was asked for a mode without a period of whole seconds.</exception>
    /// <exception cref="SubscriptionStartException">The start messages could not be sent.</exception>
    public async Task<CandleSubscription> SubscribeAsync(string asset, SubscriptionMode mode, CandleSubscriptionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        ArgumentNullException.ThrowIfNull(options);
        CandleSubscription.BackfillSource? backfill = null;
        if (options.BackfillOnResume)
        {
            if (mode.WindowPeriod is not { } period || period.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new ArgumentException($"Backfill on resume fetches candles of the mode's period from history, so it needs a time or time-aligned mode whose period is whole seconds; {mode} is not. Use such a mode, or turn BackfillOnResume off.", nameof(options));
            }

            if (options.BackfillTimeout is { } limit && limit <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(options), limit, "BackfillTimeout must be positive; leave it null to use the client's RequestTimeout.");
            }

            var timeout = options.BackfillTimeout ?? _options.RequestTimeout;
            backfill = (p, from, until, ct) => _history.GetRangeAsync(asset, p, from, until, timeout, ct);
        }

        // The gap mark is attached with the subscribe, not after it returns: a reconnect in between would leave it unmarked
        // and let a candle span the gap. The server's time when the stream resumed: every tick of the old session is older,
        // every tick of the new one newer, so the gap is found even when the consumer reads old ticks after the reconnect.
        var gaps = new ReconnectGaps();
        var ticks = await _market.SubscribeTicksAsync(asset, new SubscriptionOptions { OnResumed = (_, _) => gaps.Add(ServerTime.Now) }, cancellationToken).ConfigureAwait(false);
        return new CandleSubscription(asset, mode, ticks, gaps, backfill);
    }

    /// <summary>
    /// The last <paramref name="count"/> completed candles of <paramref name="period"/> before the server's now, oldest first,
    /// from <c>loadHistoryPeriod</c>, paging backwards as needed. Concurrent calls are safe: each request has its own index.
    /// Fewer candles come back when the server has no older ones.
    /// </summary>
    /// <param name="asset">The asset.</param>
    /// <param name="period">The candle period, whole seconds.</param>
    /// <param name="count">How many candles, 1 to 10,000.</param>
    /// <param name="timeout">The timeout of each page; <see cref="PocketOptionOptions.RequestTimeout"/> when null.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    /// <returns>The candles, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A period under a second or not whole seconds, or a count out of range.</exception>
    /// <exception cref="TimeoutException">A page was not answered in time.</exception>
    public Task<IReadOnlyList<Candle>> GetCandlesAsync(string asset, TimeSpan period, int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => _history.GetAsync(asset, period, count, timeout ?? _options.RequestTimeout, cancellationToken);

    /// <summary>
    /// The account's open and recently closed deals, kept current from the server's answers, <c>updateOpenedDeals</c> and
    /// <c>updateClosedDeals</c> (also after a re-login); its <see cref="DealBook.DealOpened"/> and <see cref="DealBook.DealClosed"/>
    /// events report every deal, including one whose order had failed with "outcome unknown".
    /// </summary>
    public DealBook Deals => State.Deals;

    /// <summary>
    /// Opens a call (buy) on <paramref name="asset"/>: checked before it is sent (asset known and active, expiry allowed for it,
    /// amount within <see cref="PocketOptionOptions.Trading"/>'s limits), sent once, and returned when the platform answers.
    /// </summary>
    /// <param name="asset">The asset's symbol, e.g. <c>EURUSD_otc</c>.</param>
    /// <param name="amount">The stake.</param>
    /// <param name="expiry">The trade's duration, one the asset allows (see <see cref="AssetInfo.AllowedExpiries"/>).</param>
    /// <param name="cancellationToken">Abandons the wait; an order already sent may still open (it then joins <see cref="Deals"/>).</param>
    /// <returns>The opened deal.</returns>
    /// <exception cref="OrderCheckException">The order failed a check; nothing was sent.</exception>
    /// <exception cref="OrderRejectedException">The platform refused it (<c>failopenOrder</c>, e.g. not enough balance).</exception>
    /// <exception cref="OrderOutcomeUnknownException">It was sent but no answer came; it is never re-sent: watch <see cref="Deals"/>.</exception>
    /// <exception cref="NotReadyException">The client is not Ready; nothing was sent.</exception>
    public Task<Deal> BuyAsync(string asset, decimal amount, TimeSpan expiry, CancellationToken cancellationToken = default)
        => _trading.BuyAsync(asset, amount, expiry, cancellationToken);

    /// <summary>Opens a put (sell) on <paramref name="asset"/>; checked, sent and answered as <see cref="BuyAsync"/>.</summary>
    /// <param name="asset">The asset's symbol, e.g. <c>EURUSD_otc</c>.</param>
    /// <param name="amount">The stake.</param>
    /// <param name="expiry">The trade's duration, one the asset allows.</param>
    /// <param name="cancellationToken">Abandons the wait; an order already sent may still open (it then joins <see cref="Deals"/>).</param>
    /// <returns>The opened deal.</returns>
    /// <exception cref="OrderCheckException">The order failed a check; nothing was sent.</exception>
    /// <exception cref="OrderRejectedException">The platform refused it (<c>failopenOrder</c>).</exception>
    /// <exception cref="OrderOutcomeUnknownException">It was sent but no answer came; it is never re-sent: watch <see cref="Deals"/>.</exception>
    /// <exception cref="NotReadyException">The client is not Ready; nothing was sent.</exception>
    public Task<Deal> SellAsync(string asset, decimal amount, TimeSpan expiry, CancellationToken cancellationToken = default)
        => _trading.SellAsync(asset, amount, expiry, cancellationToken);

    /// <summary>
    /// Waits for a deal's result: at once for a closed deal, otherwise until it closes, across reconnects (a deal that closed
    /// while the client was away is resolved from the <c>updateClosedDeals</c> that follows the re-login).
    /// </summary>
    /// <param name="dealId">The deal's id (<see cref="Deal.Id"/>).</param>
    /// <param name="timeout">The bound on the wait; by default the deal's duration plus <see cref="PocketOptionTradingOptions.ResultGrace"/>.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Win, loss or draw, with the profit.</returns>
    /// <exception cref="DealNotFoundException">The deal is neither open nor among the kept closed deals.</exception>
    /// <exception cref="TradeResultTimeoutException">The deal did not close in time (it may still close).</exception>
    public Task<TradeResult> CheckResultAsync(string dealId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => _trading.CheckResultAsync(dealId, timeout, cancellationToken);

    /// <summary>
    /// The pending orders this client placed and has not seen cancelled, keyed by ticket and kept current from the platform's
    /// answers (also a late one). It only knows what this client did: an order that triggered stays until cancelled or
    /// forgotten (<see cref="PendingOrderBook.Forget"/>), since nothing the platform sends ties a deal to its ticket.
    /// </summary>
    public PendingOrderBook PendingOrders => State.PendingOrders;

    /// <summary>Places a pending order (one <c>openPendingOrder</c>, never re-sent) and waits for the platform's answer.</summary>
    /// <param name="order">The order as the platform takes it.</param>
    /// <param name="timeout">How long to wait; <see cref="PocketOptionTradingOptions.PendingOrderTimeout"/> when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The placed order (its <see cref="PendingOrder.Ticket"/> is what cancelling takes), also in <see cref="PendingOrders"/>.</returns>
    /// <exception cref="OrderCheckException">The order failed a check; nothing was sent.</exception>
    /// <exception cref="PendingOrderRejectedException">The platform refused it.</exception>
    /// <exception cref="CommandTimeoutException">No answer in time; the order may still have been placed (a late answer joins <see cref="PendingOrders"/>).</exception>
    public Task<PendingOrder> OpenPendingOrderAsync(OpenPendingOrder order, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => _trading.OpenPendingOrderAsync(order, timeout, cancellationToken);

    /// <summary>Cancels a pending order and waits for the platform's answer.</summary>
    /// <param name="ticket">The order's ticket.</param>
    /// <param name="timeout">How long to wait; <see cref="PocketOptionTradingOptions.PendingOrderTimeout"/> when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Completes once the platform confirmed.</returns>
    /// <exception cref="PendingOrderRejectedException">The platform refused (e.g. no such order).</exception>
    /// <exception cref="CommandTimeoutException">No answer in time.</exception>
    public Task CancelPendingOrderAsync(string ticket, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => _trading.CancelPendingOrderAsync(ticket, timeout, cancellationToken);

    /// <summary>Cancels several pending orders in one request and waits for the platform's answer.</summary>
    /// <param name="tickets">The orders' tickets (at least one).</param>
    /// <param name="timeout">How long to wait; <see cref="PocketOptionTradingOptions.PendingOrderTimeout"/> when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The tickets the platform reports cancelled.</returns>
    /// <exception cref="PendingOrderRejectedException">The platform refused.</exception>
    /// <exception cref="CommandTimeoutException">No answer in time.</exception>
    public Task<IReadOnlyList<string>> CancelPendingOrdersAsync(IEnumerable<string> tickets, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => _trading.CancelPendingOrdersAsync(tickets, timeout, cancellationToken);

    /// <summary>Disconnects and releases everything; every subscription ends.</summary>
    /// <returns>A task that completes when every background task has finished.</returns>
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
