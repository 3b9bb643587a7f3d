using Protocol.ExpertOption.Regions;
using Protocol.ExpertOption.Wire.Assets;
using Protocol.ExpertOption.Wire.Candles;
using Protocol.ExpertOption.Wire.Heartbeat;
using Protocol.ExpertOption.Wire.Profile;
using Protocol.ExpertOption.Wire.Trading;
using Protocol.JsonActions;
using Protocol.Trading.Candles;
using Protocol.Trading.Market;
using Protocol.Trading.Trades;

namespace Protocol.ExpertOption;

/// <summary>
/// An ExpertOption client: token login with the demo or real context, balance, assets, candles and trading, on the toolkit's
/// JSON-action transport. The token never appears in <see cref="ToString"/>, logs or exception messages.
/// </summary>
/// <example>
/// <code>
/// await using var client = ExpertOptionClient.Create(token, new ExpertOptionOptions { IsDemo = true });
/// await client.ConnectAsync();
/// var balance = await client.GetBalanceAsync();
/// var trade = await client.BuyAsync(assetId: 142, amount: 10, TimeSpan.FromSeconds(60));
/// var result = await client.CheckResultAsync(trade);
/// </code>
/// </example>
public sealed partial class ExpertOptionClient : IAsyncDisposable
{
    private readonly Client<ExpertOptionState> _client;
    private readonly ExpertOptionOptions _options;

    private ExpertOptionClient(Client<ExpertOptionState> client, ExpertOptionOptions options)
    {
        _client = client;
        _options = options;
    }

    /// <summary>The account as last seen (balances).</summary>
    public ExpertOptionState State => _client.State;

    /// <summary>The connection's state.</summary>
    public ConnectionState ConnectionState => _client.ConnectionState;

    /// <summary>Raised on every connection state change (synchronously on the runner: keep handlers short).</summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged
    {
        add => _client.StateChanged += value;
        remove => _client.StateChanged -= value;
    }

    /// <summary>What the client supports on this platform, and what it does not (and why).</summary>
    public ExpertOptionCapabilities Capabilities => ExpertOptionCapabilities.Instance;

    private ExpertOptionWireApi Api => _client.GetApi<ExpertOptionWireApi>();

    // The toolkit client, for the hosted service and the health check (Hosting/), which start it without waiting for Ready.
    internal Client<ExpertOptionState> Core => _client;

    /// <summary>Creates a client (nothing is sent until <see cref="ConnectAsync"/>).</summary>
    /// <param name="token">The session token: the 32-hex <c>token</c> cookie of a logged-in web session.</param>
    /// <param name="options">The settings; defaults (demo account, every gateway) when null.</param>
    /// <returns>The client; dispose it to close the connection.</returns>
    /// <exception cref="ArgumentException">The token is not 32 hex characters, or an option is invalid (the message says which).</exception>
    public static ExpertOptionClient Create(string token, ExpertOptionOptions? options = null)
    {
        options ??= new ExpertOptionOptions();
        options.Validate();
        var state = new ExpertOptionState(ExpertOptionToken.Validate(token), options.IsDemo, options.ClosedTradeCapacity);
        var builder = new ClientBuilder<ExpertOptionState>(state)
            .UseConnection(JsonWebSocketConnection.Factory(new JsonWebSocketOptions
            {
                TimeProvider = options.TimeProvider,
                ConfigureSocket = socket => socket.SetRequestHeader("Origin", "https://app.expertoption.com"),
            }))
            .UseLogin(new ExpertOptionLogin())
            .WithName(options.IsDemo ? "expertoption-demo" : "expertoption-real")
            .WithPlatform("ExpertOption")
            .UseTimeProvider(options.TimeProvider)
            .UseLoggerFactory(options.LoggerFactory)
            .Configure(o => o.CommandTimeout = options.RequestTimeout)
            .AddExpertOptionModule()
            .Every("ping", options.PingInterval, s => new ClientPing { Token = s.Token });
        if (options.Endpoint is { } endpoint)
        {
            builder.AddEndpoint(new ConnectionEndpoint(endpoint, "configured"));
        }
        else
        {
            // Region choice: the preferred gateway first, else the fastest handshake first (all probed in parallel), then fall-over.
            var regions = options.Regions ?? ExpertOptionRegions.All;
            if (regions.Count == 0 || (options.PreferredRegion is { } preferred && !regions.Any(r => r.Name == preferred)))
            {
                throw new ArgumentException(
                    $"ExpertOptionOptions.PreferredRegion '{options.PreferredRegion}' is not a gateway; the gateways are: {string.Join(", ", regions.Select(r => r.Name))} (case-sensitive). Name one of them, or leave it null for the fastest.",
                    nameof(options));
            }

            foreach (var region in regions)
            {
                builder.AddEndpoint(new ConnectionEndpoint(new Uri(region.Url), region.Name));
            }

            builder.Configure(o =>
            {
                o.EndpointOrder.PreferredEndpoint = options.PreferredRegion;
                o.EndpointOrder.ProbeLatency = options.ProbeRegions;
            });
        }

        return new ExpertOptionClient(builder.Build(), options);
    }

    /// <summary>Connects, sends the token with the chosen context and waits until the server accepted it.</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>A task that completes when the client is Ready.</returns>
    /// <exception cref="LoginRejectedException">The server refused the token (terminal: create a client with a fresh token).</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await _client.WaitUntilReadyAsync(_options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks for the profile and returns the balance of the active context.</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The balance.</returns>
    public async Task<decimal> GetBalanceAsync(CancellationToken cancellationToken = default)
    {
        await Api.ProfileAsync(new ProfileRequest { Token = State.Token, Ns = State.NextNs() }, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return State.Balance;
    }

    /// <summary>Lists the assets with payouts and the expiries they offer (asset id 20000, "not for this client", is left out).</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The assets, keyed by id.</returns>
    public async Task<IReadOnlyList<ExpertOptionAsset>> GetAssetsAsync(CancellationToken cancellationToken = default)
    {
        var reply = await Api.AssetsAsync(new AssetsRequest { Token = State.Token, Ns = State.NextNs() }, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return [.. reply.Body.Assets.Where(a => a.Id != 20000).Select(ToAsset)];
    }

    /// <summary>Opens a call ("buy") on an asset.</summary>
    /// <param name="assetId">The asset's id.</param>
    /// <param name="amount">The stake.</param>
    /// <param name="duration">How long until expiry: a multiple of the asset's step, at least its purchase time.</param>
    /// <param name="cancellationToken">Abandons the wait (the order may still have been placed: it is never re-sent).</param>
    /// <returns>The opened trade.</returns>
    public Task<ExpertOptionTrade> BuyAsync(int assetId, decimal amount, TimeSpan duration, CancellationToken cancellationToken = default)
        => OpenAsync(assetId, amount, duration, TradeDirection.Buy, cancellationToken);

    /// <summary>Opens a put ("sell") on an asset.</summary>
    /// <param name="assetId">The asset's id.</param>
    /// <param name="amount">The stake.</param>
    /// <param name="duration">How long until expiry.</param>
    /// <param name="cancellationToken">Abandons the wait (never re-sent).</param>
    /// <returns>The opened trade.</returns>
    public Task<ExpertOptionTrade> SellAsync(int assetId, decimal amount, TimeSpan duration, CancellationToken cancellationToken = default)
        => OpenAsync(assetId, amount, duration, TradeDirection.Sell, cancellationToken);

    /// <summary>
    /// Waits for a trade's result. The wait is registered before the known closed trades are read, so a close cannot slip in
    /// between; it gives up at the expiry plus <see cref="ExpertOptionOptions.ResultGrace"/>.
    /// </summary>
    /// <param name="trade">A trade this client opened.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>Win (status 1), loss (2), or by its result for a trade closed early (4) or with an undocumented status.</returns>
    /// <exception cref="InboundWaitTimeoutException">No result by the expiry plus the grace.</exception>
    public async Task<TradeResult> CheckResultAsync(ExpertOptionTrade trade, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trade);
        using var wait = Api.WaitTradeClosed(trade.Id);
        if (State.ClosedTrades.TryGetValue(trade.Id, out var known))
        {
            return ToResult(known, trade);
        }

        var remaining = trade.ExpiresAt - _options.TimeProvider.GetUtcNow() + _options.ResultGrace;
        var closed = await wait.WaitAsync(remaining > TimeSpan.Zero ? remaining : _options.ResultGrace, cancellationToken).ConfigureAwait(false);
        return ToResult(closed.Body.Trades.First(t => t.Id == trade.Id), trade);
    }

    /// <summary>Subscribes to an asset's prices and yields candles built from its ticks by <paramref name="mode"/>.</summary>
    /// <remarks>
    /// The subscription starts when this method is called (a price that arrives before the first read is kept) and ends with
    /// the enumeration: enumerate the result once (or dispose it or its enumerator). A reconnect is a gap in the prices: the
    /// stream goes on, the candle in progress is discarded rather than bridged over the gap, and the subscription counts it
    /// (<see cref="ExpertOptionCandleSubscription.ResumeCount"/>, <see cref="ExpertOptionCandleSubscription.Resumed"/>). Called while Ready, it sends
    /// <c>subscribeCandles</c> at once (once per asset, however many streams read it); called before <see cref="ConnectAsync"/>
    /// or while reconnecting, it sends nothing yet: the asset is recorded and subscribed right after the next login, before
    /// the client reports Ready, as after every reconnect. A subscribe that could not be sent fails the first read. Disposing
    /// the enumerator while a <c>MoveNextAsync</c> is pending ends that read with <see langword="false"/> and never throws;
    /// cancelling <paramref name="cancellationToken"/> ends it with <see cref="OperationCanceledException"/>; closing or
    /// disposing the client ends the enumeration (<see langword="false"/>).
    /// </remarks>
    /// <param name="assetId">The asset's id.</param>
    /// <param name="mode">How ticks become candles (<see cref="SubscriptionMode.None"/>: one candle per tick).</param>
    /// <param name="cancellationToken">Abandons the subscribe and ends the stream.</param>
    /// <returns>The subscription: the candles as they complete, and the reconnects it went through (<see cref="ExpertOptionCandleSubscription.ResumeCount"/>).</returns>
    public ExpertOptionCandleSubscription SubscribeAsync(int assetId, SubscriptionMode mode, CancellationToken cancellationToken = default)
        => new(assetId, mode, options => Api.SubscribeCandlesAsync(assetId, options, cancellationToken), () => State.ServerTime.Read(_options.TimeProvider), cancellationToken);

    /// <summary>Asks for an asset's candles of one timeframe between two times (one <c>assetHistoryCandles</c> request).</summary>
    /// <param name="assetId">The asset's id.</param>
    /// <param name="timeframe">The bar length, a whole number of seconds (the server offers 5 s to 30 days).</param>
    /// <param name="from">The window's start.</param>
    /// <param name="to">The window's end (after <paramref name="from"/>).</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The candles, oldest first.</returns>
    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(int assetId, TimeSpan timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        if (timeframe < TimeSpan.FromSeconds(1) || timeframe.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeframe), timeframe, "The timeframe is a whole number of seconds, at least 1 (e.g. 5 s, 60 s, 300 s).");
        }

        if (to <= from)
        {
            throw new ArgumentException($"The window ends ({to:O}) before it starts ({from:O}); pass from < to.", nameof(to));
        }

        var request = new HistoryCandlesRequest
        {
            Body = { AssetId = assetId, Periods = [[from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds()]], Timeframes = [(int)timeframe.TotalSeconds] },
            Token = State.Token,
            Ns = State.NextNs(),
        };
        var reply = await Api.HistoryCandlesAsync(request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return reply.ToCandles();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _client.DisposeAsync();

    /// <inheritdoc />
    public override string ToString() => $"ExpertOptionClient ({(State.IsDemo ? "demo" : "real")}, {ConnectionState})";

    internal static DateTimeOffset FromSeconds(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));

    private static ExpertOptionAsset ToAsset(AssetRow row)
    {
        var group = row.AssetGroup.ValueKind == System.Text.Json.JsonValueKind.String ? row.AssetGroup.GetString() : null;
        var kind = group switch
        {
            "currencies" => AssetKind.Currency,
            "stocks" => AssetKind.Stock,
            "commodities" => AssetKind.Commodity,
            "indeces" or "indices" => AssetKind.Index,
            "crypto" or "cryptocurrencies" => AssetKind.Cryptocurrency,
            _ => AssetKind.Unknown,
        };
        var step = TimeSpan.FromSeconds(Math.Max(row.ExpirationStep, 0));
        var expiries = step > TimeSpan.Zero ? Enumerable.Range(1, Math.Max(row.ExpirationCount, 1)).Select(k => step * k) : [];
        var info = new AssetInfo(row.Symbol, row.Name, kind, Math.Clamp(row.Profit, 0, 1000), row.Name.Contains("OTC", StringComparison.OrdinalIgnoreCase), row.IsActive == 1, expiries);
        return new ExpertOptionAsset(row.Id, info, row.MinBet, row.MaxBet, step, TimeSpan.FromSeconds(row.PurchaseTime));
    }

    private static TradeResult ToResult(TradeRow row, ExpertOptionTrade trade) => row.Status switch
    {
        1 => new TradeResult(TradeOutcome.Win, row.ResultAmount ?? trade.Amount * trade.Payout / 100m),
        2 => new TradeResult(TradeOutcome.Loss, row.ResultAmount ?? -trade.Amount),
        _ => TradeResult.FromProfit(row.ResultAmount ?? 0m),
    };

    private async Task<ExpertOptionTrade> OpenAsync(int assetId, decimal amount, TimeSpan duration, TradeDirection direction, CancellationToken cancellationToken)
    {
        if (amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "The stake must be positive (the platform's minimum is usually 1).");
        }

        if (duration <= TimeSpan.Zero || duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "The duration must be a positive whole number of seconds (a multiple of the asset's expiration step).");
        }

        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var ns = State.NextNs();

        var request = new BuyOptionRequest
        {
            Body =
            {
                Type = direction == TradeDirection.Buy ? "call" : "put",
                Amount = amount,
                AssetId = assetId,
                StrikeTime = now,
                IsDemo = State.IsDemo ? 1 : 0,
                ExpirationShift = (int)duration.TotalSeconds,
                RatePosition = 0,
            },
            Token = State.Token,
            Ns = ns,
        };
        // Registered before the order goes out, so the opening push cannot be missed whatever the reply carries.
        using var opened = Api.WaitTradeOpened(new BuyFingerprint(assetId, request.Body.Type == "call" ? 0 : 1, amount, now));
        var reply = await Api.BuyOptionAsync(request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        var id = reply.TradeId ?? 0;
        var payout = 0;
        if (reply.TradeId is null)
        {
            // The answer may be empty (A11-TV2): the opening push, matched by its fingerprint, names the trade.
            var push = await opened.WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            id = push.Body.Trade.Id;
            payout = (int)push.Body.Trade.Profit;
        }

        return new ExpertOptionTrade(id, assetId, direction, amount, DateTimeOffset.FromUnixTimeSeconds(now), DateTimeOffset.FromUnixTimeSeconds(now) + duration, payout);
    }
}
