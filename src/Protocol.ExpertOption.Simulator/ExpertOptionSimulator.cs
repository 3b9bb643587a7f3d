using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Protocol.ExpertOption.Simulator.Market;
using Protocol.ExpertOption.Simulator.Trading;
using Protocol.Server.JsonActions;
using Protocol.Simulation.Market;
using Protocol.Trading.Candles;

namespace Protocol.ExpertOption.Simulator;

/// <summary>
/// A local ExpertOption-compatible server: Kestrel on 127.0.0.1 serving the JSON-action endpoint <c>/ws/v40</c>, with token
/// login through <c>setContext</c>, server pings, profile, assets, the shared simulated market (<see cref="Feed"/>, the
/// counter-based feed of <c>Protocol.Simulation</c> that the PocketOption simulator uses too) pushed as <c>candles</c> ticks and
/// answered as history, and <c>buyOption</c> settled at expiry by the feed. Everything runs on
/// <see cref="ExpertOptionSimulatorOptions.TimeProvider"/>.
/// </summary>
/// <example>
/// <code>
/// await using var sim = await ExpertOptionSimulator.StartAsync(new ExpertOptionSimulatorOptions { TimeProvider = clock });
/// await using var client = ExpertOptionClient.Create(token, new ExpertOptionOptions { Endpoint = sim.Endpoint, TimeProvider = clock });
/// </code>
/// </example>
public sealed class ExpertOptionSimulator : IAsyncDisposable
{
    private const string SubscriptionsKey = "subscriptions";
    private const string AccountKey = "account";

    private readonly ExpertOptionSimulatorOptions _options;
    private readonly WebApplication _app;
    private readonly JsonActionServer _server;
    private readonly ConcurrentDictionary<string, SimulatorAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, ITimer> _expiries = new();
    private readonly ITimer _ticker;
    private long _nextTradeId = 2_300_000_000;
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _subscribed = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _resubscribed = new();
    private readonly ConcurrentDictionary<int, int> _subscribes = new();
    private readonly ConcurrentQueue<(string Action, long Ns)> _accepted = new();
    private readonly TaskCompletionSource _firstPong = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pongs;
    private int _disposed;
    private readonly Lock _tickGate = new();

    private ExpertOptionSimulator(ExpertOptionSimulatorOptions options, PriceFeed<SimulatedAsset> feed, WebApplication app, JsonActionServer server)
    {
        _options = options;
        _app = app;
        _server = server;
        Feed = feed;
        var accountId = 111_222_000L;
        foreach (var token in options.ValidTokens)
        {
            _accounts[token] = new SimulatorAccount(++accountId, options.DemoBalance);
        }

        _ticker = options.TimeProvider.CreateTimer(static s => ((ExpertOptionSimulator)s!).OnTick(), this, options.TickInterval, options.TickInterval);
    }

    /// <summary>
    /// The market: prices at any instant, past or future, that the live ticks, the history and the settlements all read; tests
    /// force a price with <see cref="PriceFeed{TAsset}.Script"/> (e.g. the close of a trade at its expiry).
    /// </summary>
    public PriceFeed<SimulatedAsset> Feed { get; }

    /// <summary>The WebSocket URL to connect to, e.g. <c>ws://127.0.0.1:51234/ws/v40</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>How many pongs answered a server ping with its own data echoed.</summary>
    public long MatchingPongs => Interlocked.Read(ref _pongs);

    /// <summary>Completes when a client first answers a server ping with a pong echoing its timestamp.</summary>
    public Task FirstMatchingPong => _firstPong.Task;

    /// <summary>Completes when a client has subscribed to an asset's candles.</summary>
    /// <param name="assetId">The asset's id.</param>
    /// <returns>The task.</returns>
    public Task WhenSubscribed(int assetId) => Subscribed(assetId).Task;

    /// <summary>Completes when an asset's candles are subscribed for a second time (e.g. by a client that reconnected).</summary>
    /// <param name="assetId">The asset's id.</param>
    /// <returns>The task.</returns>
    public Task WhenSubscribedAgain(int assetId) => Resubscribed(assetId).Task;

    /// <summary>How many <c>subscribeCandles</c> requests named an asset, over every session.</summary>
    /// <param name="assetId">The asset's id.</param>
    /// <returns>The count.</returns>
    public int SubscribeCount(int assetId) => _subscribes.TryGetValue(assetId, out var n) ? n : 0;

    /// <summary>
    /// The action and <c>ns</c> of every request the simulator accepted (each accepted <c>setContext</c>, and every request of a
    /// logged-in session with a valid token), in the order received; -1 for a request without a numeric <c>ns</c>.
    /// </summary>
    public IReadOnlyList<(string Action, long Ns)> AcceptedRequests => [.. _accepted];

    /// <summary>Closes every open session (a normal WebSocket close), as a server restart would.</summary>
    /// <returns>A task that completes when the close frames are sent.</returns>
    public Task CloseSessionsAsync() => Task.WhenAll(_server.Sessions.Select(s => s.CloseAsync()));

    /// <summary>Starts the simulator on a free port of 127.0.0.1.</summary>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops waiting for Kestrel to start.</param>
    /// <returns>The running simulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is not valid (the message names it).</exception>
    public static async Task<ExpertOptionSimulator> StartAsync(ExpertOptionSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ExpertOptionSimulatorOptions();
        options.Validate();

        // The market first: an asset that is not valid is reported before anything is started.
        var feed = new PriceFeed<SimulatedAsset>(options.Assets, options.Seed);
        var server = new JsonActionServer(new JsonActionServerOptions
        {
            SendBinaryFrames = true,
            TimeProvider = options.TimeProvider,
            IdleTimeout = options.IdleTimeout,
            PingInterval = options.PingInterval,
            PingAction = static clock => Frame("ping", w => w.WriteString("data", clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)), null),
        });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapJsonActions("/ws/v40", server);
        var simulator = new ExpertOptionSimulator(options, feed, app, server);
        simulator.MapActions();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            simulator.Endpoint = new Uri($"ws://127.0.0.1:{new Uri(address).Port}/ws/v40");
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>An asset's price now (on the simulator's clock).</summary>
    /// <param name="assetId">The asset's id.</param>
    /// <returns>The price.</returns>
    /// <exception cref="KeyNotFoundException">The simulator has no such asset.</exception>
    public decimal Price(int assetId) => Feed.PriceAt(assetId, _options.TimeProvider.GetUtcNow());

    /// <summary>Closes every session, stops every timer and Kestrel.</summary>
    /// <returns>A task that completes when everything is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _ticker.DisposeAsync().ConfigureAwait(false);
        foreach (var timer in _expiries.Values)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        await _server.DisposeAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static string Frame(string action, Action<Utf8JsonWriter>? message, string? nsJson)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("action", action);
            if (message is not null)
            {
                w.WriteStartObject("message");
                message(w);
                w.WriteEndObject();
            }

            if (nsJson is not null)
            {
                w.WritePropertyName("ns");
                w.WriteRawValue(nsJson);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ValueTask Reply(JsonActionRequest request, string action, Action<Utf8JsonWriter> message)
        => request.Session.SendRawAsync(Frame(action, message, request.NsJson));

    // [simulator-defined] the real server's answer to a bad token is undocumented; the simulator sends the one code a mock used.
    private static ValueTask Error(JsonActionRequest request, string code)
        => request.Session.SendAsync("error", JsonSerializer.Serialize(code, SimulatorJson.Default.String), request.NsJson);

    private void MapActions()
    {
        _server.On("setContext", OnSetContext)
            .On("profile", r => Authorized(r, OnProfile))
            .On("assets", r => Authorized(r, OnAssets))
            .On("subscribeCandles", r => Authorized(r, OnSubscribeCandles))
            .On("buyOption", r => Authorized(r, OnBuyOption))
            .On("assetHistoryCandles", r => Authorized(r, OnHistory))
            .On("pong", OnPong)
            .On("ping", static _ => ValueTask.CompletedTask)
            .OnUnhandled(static r => Error(r, "ERROR_UNKNOWN_ACTION"));
    }

    private ValueTask Authorized(JsonActionRequest request, Func<JsonActionRequest, SimulatorAccount, ValueTask> handler)
    {
        var token = request.Frame.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (token is null || !_accounts.TryGetValue(token, out var account) || !request.Session.Items.ContainsKey(AccountKey))
        {
            return Error(request, "ERROR_INCORRECT_TOKEN");
        }

        Accept(request);
        return handler(request, account);
    }

    private void Accept(JsonActionRequest request)
        => _accepted.Enqueue((request.Action, request.Frame.TryGetProperty("ns", out var ns) && ns.TryGetInt64(out var n) ? n : -1));

    private ValueTask OnSetContext(JsonActionRequest request)
    {
        var token = request.Frame.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (token is null || !_accounts.TryGetValue(token, out var account))
        {
            return Error(request, "ERROR_INCORRECT_TOKEN");
        }

        var demo = request.Message.ValueKind == JsonValueKind.Object && request.Message.TryGetProperty("is_demo", out var d) && d.TryGetInt32(out var v) ? v : 1;
        if (demo != 1)
        {
            // [simulator-defined] simulated accounts are demo-only, as a guest's is.
            return Error(request, "ERROR_CONTEXT_ONLY_FOR_REAL_USER");
        }

        request.Session.Items[AccountKey] = account;
        Accept(request);
        return Reply(request, "setContext", static w => w.WriteString("result", "ok"));
    }

    private ValueTask OnProfile(JsonActionRequest request, SimulatorAccount account)
    {
        decimal demo, real;
        lock (account.Gate)
        {
            (demo, real) = (account.DemoBalance, account.RealBalance);
        }

        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        return Reply(request, "profile", w =>
        {
            w.WriteStartObject("profile");
            w.WriteNumber("id", account.Id);
            w.WriteNumber("is_demo", 1);
            w.WriteNumber("demo_balance", demo);
            w.WriteNumber("real_balance", real);
            w.WriteNumber("currency_id", 0);
            w.WriteNumber("time_zone", 0);
            w.WriteNumber("max_deal_amount", Math.Floor(demo));
            w.WriteNumber("ts", now);
            w.WriteString("user_group_name", "Demo");
            w.WriteEndObject();
        });
    }

    private ValueTask OnAssets(JsonActionRequest request, SimulatorAccount account)
        => Reply(request, "assets", w =>
        {
            w.WriteStartArray("assets");
            foreach (var a in _options.Assets)
            {
                w.WriteStartObject();
                w.WriteNumber("id", a.Id);
                w.WriteString("symbol", a.Symbol);
                w.WriteString("name", a.Name);
                w.WriteNumber("is_active", 1);
                w.WriteNumber("profit", a.Payout);
                w.WriteNumber("min_bet", 1);
                w.WriteNumber("max_bet", 1000);
                w.WriteNumber("purchase_time", a.PurchaseTime);
                w.WriteNumber("expiration_step", a.ExpirationStep);
                w.WriteNumber("expiration_count", 5);
                w.WriteString("asset_group_id", a.Symbol.StartsWith("BTC", StringComparison.Ordinal) ? "crypto" : "currencies");
                w.WriteString("mode", "vanilla");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    private ValueTask OnSubscribeCandles(JsonActionRequest request, SimulatorAccount account)
    {
        // Each subscribed asset with the last tick step pushed to this session.
        var ids = (ConcurrentDictionary<int, long>)request.Session.Items.GetOrAdd(SubscriptionsKey, static _ => new ConcurrentDictionary<int, long>())!;
        if (request.Message.ValueKind == JsonValueKind.Object && request.Message.TryGetProperty("assets", out var assets) && assets.ValueKind == JsonValueKind.Array)
        {
            foreach (var asset in assets.EnumerateArray())
            {
                if (asset.ValueKind == JsonValueKind.Object && asset.TryGetProperty("id", out var id) && id.TryGetInt32(out var assetId) && Feed.TryGetAsset(assetId, out var subscribed))
                {
                    ids.TryAdd(assetId, PriceFeed<SimulatedAsset>.StepAt(subscribed, _options.TimeProvider.GetUtcNow()));
                    if (_subscribes.AddOrUpdate(assetId, 1, static (_, n) => n + 1) == 1)
                    {
                        Subscribed(assetId).TrySetResult();
                    }
                    else
                    {
                        Resubscribed(assetId).TrySetResult();
                    }
                }
            }
        }

        return Reply(request, "subscribeCandles", w =>
        {
            w.WriteStartArray("assetsIds");
            foreach (var id in ids.Keys)
            {
                w.WriteNumberValue(id);
            }

            w.WriteEndArray();
        });
    }

    // History is read from the same feed as the live ticks, so a bar equals the candle built from the ticks pushed during it;
    // [simulator-defined] bars start at multiples of the timeframe, at most 1,000 a period, none after now, and the bar now
    // forming holds the ticks so far.
    private ValueTask OnHistory(JsonActionRequest request, SimulatorAccount account)
    {
        var m = request.Message;
        if (m.ValueKind != JsonValueKind.Object || !m.TryGetProperty("assetid", out var assetEl) || !assetEl.TryGetInt32(out var assetId) || !Feed.TryGetAsset(assetId, out var asset)
            || !m.TryGetProperty("periods", out var periods) || periods.ValueKind != JsonValueKind.Array
            || !m.TryGetProperty("timeframes", out var timeframes) || timeframes.ValueKind != JsonValueKind.Array)
        {
            return Error(request, "ERROR_INCORRECT_DATA");
        }

        var now = _options.TimeProvider.GetUtcNow();
        var nowSeconds = now.ToUnixTimeSeconds();
        var end = PriceFeed<SimulatedAsset>.TimeOfStep(asset, PriceFeed<SimulatedAsset>.StepAt(asset, now) + 1);
        return Reply(request, "assetHistoryCandles", w =>
        {
            w.WriteNumber("assetId", assetId);
            w.WriteStartArray("candles");
            foreach (var tfEl in timeframes.EnumerateArray())
            {
                if (!tfEl.TryGetInt32(out var tf) || tf <= 0 || TimeSpan.FromSeconds(tf) < asset.TickInterval)
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteNumber("tf", tf);
                w.WriteStartArray("periods");
                foreach (var period in periods.EnumerateArray())
                {
                    if (period.ValueKind != JsonValueKind.Array || period.GetArrayLength() != 2 || !period[0].TryGetInt64(out var from) || !period[1].TryGetInt64(out var to) || to <= from)
                    {
                        continue;
                    }

                    var first = from - (from % tf);
                    w.WriteStartArray();
                    w.WriteNumberValue(first);
                    w.WriteStartArray();
                    for (var t = first; t < to && t <= nowSeconds && t - first < 1000L * tf; t += tf)
                    {
                        var start = DateTimeOffset.FromUnixTimeSeconds(t);
                        var barEnd = start.AddSeconds(tf);
                        var bar = Bar(Feed.Ticks(assetId, start, barEnd < end ? barEnd : end));
                        w.WriteStartArray();
                        w.WriteNumberValue(bar.Open);
                        w.WriteNumberValue(bar.High);
                        w.WriteNumberValue(bar.Low);
                        w.WriteNumberValue(bar.Close);
                        w.WriteEndArray();
                    }

                    w.WriteEndArray();
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static (decimal Open, decimal High, decimal Low, decimal Close) Bar(IEnumerable<PriceTick> ticks)
    {
        decimal open = 0, high = decimal.MinValue, low = decimal.MaxValue, close = 0;
        var first = true;
        foreach (var tick in ticks)
        {
            if (first)
            {
                open = tick.Price;
                first = false;
            }

            high = Math.Max(high, tick.Price);
            low = Math.Min(low, tick.Price);
            close = tick.Price;
        }

        return (open, high, low, close);
    }

    private ValueTask OnPong(JsonActionRequest request)
    {
        // A pong counts when it echoes a millisecond timestamp, as the server's ping carries.
        if (request.Message.ValueKind == JsonValueKind.Object && request.Message.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String
            && long.TryParse(data.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            Interlocked.Increment(ref _pongs);
            _firstPong.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask OnBuyOption(JsonActionRequest request, SimulatorAccount account)
    {
        var m = request.Message;
        if (m.ValueKind != JsonValueKind.Object
            || !m.TryGetProperty("assetid", out var assetEl) || !assetEl.TryGetInt32(out var assetId)
            || !m.TryGetProperty("amount", out var amountEl) || !amountEl.TryGetDecimal(out var amount)
            || !m.TryGetProperty("type", out var typeEl) || typeEl.GetString() is not ("call" or "put"))
        {
            await Error(request, "ERROR_INCORRECT_DATA").ConfigureAwait(false);
            return;
        }

        var asset = Feed.TryGetAsset(assetId, out var known) ? known : null;
        var openTime = _options.TimeProvider.GetUtcNow();
        var now = openTime.ToUnixTimeSeconds();

        // [simulator-defined] expiration_shift is read as seconds (the majority reading); variant B's expiration_time is accepted too.
        long expiry = m.TryGetProperty("expiration_shift", out var shiftEl) && shiftEl.TryGetInt64(out var shift) ? now + shift
            : m.TryGetProperty("expiration_time", out var expEl) && expEl.TryGetInt64(out var exp) ? exp : 0;
        if (asset is null || expiry - now < asset.PurchaseTime || (expiry - now) % asset.ExpirationStep != 0)
        {
            await Error(request, "ERROR_EXPIRATION_INVALID").ConfigureAwait(false);
            return;
        }

        if (amount is < 1 or > 1000)
        {
            await Error(request, "ERROR_INCORRECT_DATA").ConfigureAwait(false);
            return;
        }

        lock (account.Gate)
        {
            if (account.DemoBalance < amount)
            {
                amount = -1;
            }
            else
            {
                account.DemoBalance -= amount;
            }
        }

        if (amount < 0)
        {
            await Error(request, "ERROR_NOT_ENOUGH_MONEY").ConfigureAwait(false);
            return;
        }

        var trade = new SimulatedTrade
        {
            Id = Interlocked.Increment(ref _nextTradeId),
            AssetId = assetId,
            Type = typeEl.GetString() == "call" ? 0 : 1,
            Amount = amount,
            StrikeTime = now,
            StrikeRate = Feed.PriceAt(assetId, openTime),
            ExpirationTime = expiry,
            Payout = asset.Payout,
            IsDemo = 1,
        };
        var session = request.Session;
        _expiries[trade.Id] = _options.TimeProvider.CreateTimer(_ => Settle(trade, account, session), null, TimeSpan.FromSeconds(expiry - now), Timeout.InfiniteTimeSpan);
        await Reply(request, "buyOption", w =>
        {
            if (_options.BuyReplyCarriesTradeId)
            {
                w.WriteNumber("trade_id", trade.Id);
            }
        }).ConfigureAwait(false);
        await session.SendRawAsync(Frame("openTradeSuccessful", w =>
        {
            w.WritePropertyName("trade");
            WriteTrade(w, trade);
        }, null)).ConfigureAwait(false);
    }

    // Win when the feed moved in the option's favour, loss when against; [simulator-defined] a draw (same price) refunds the
    // stake with status 3 and result 0, since no capture shows one.
    private void Settle(SimulatedTrade trade, SimulatorAccount account, JsonActionSession session)
    {
        if (_expiries.TryRemove(trade.Id, out var timer))
        {
            timer.Dispose();
        }

        // The feed's price at the expiry instant, whenever the timer fires: the close agrees with the history.
        var rate = Feed.PriceAt(trade.AssetId, DateTimeOffset.FromUnixTimeSeconds(trade.ExpirationTime));
        var up = rate > trade.StrikeRate;
        var win = rate != trade.StrikeRate && (trade.Type == 0 ? up : !up);
        trade.ExpirationRate = rate;
        trade.Status = rate == trade.StrikeRate ? 3 : win ? 1 : 2;
        trade.ResultAmount = trade.Status switch
        {
            1 => Math.Round(trade.Amount * trade.Payout / 100m, 2),
            2 => -trade.Amount,
            _ => 0,
        };
        lock (account.Gate)
        {
            account.DemoBalance += trade.Status == 2 ? 0 : trade.Amount + trade.ResultAmount;
            account.Closed.Add(trade);
        }

        if (session.IsOpen)
        {
            var key = _options.ClosePush == "closeTradeSuccessful" ? "trades" : "options";
            Send(session, Frame(_options.ClosePush, w =>
            {
                w.WriteStartArray(key);
                WriteTrade(w, trade);
                w.WriteEndArray();
            }, null));
        }
    }

    private TaskCompletionSource Resubscribed(int assetId) => _resubscribed.GetOrAdd(assetId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private TaskCompletionSource Subscribed(int assetId) => _subscribed.GetOrAdd(assetId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static void WriteTrade(Utf8JsonWriter w, SimulatedTrade t)
    {
        w.WriteStartObject();
        w.WriteNumber("id", t.Id);
        w.WriteNumber("asset_id", t.AssetId);
        w.WriteNumber("type", t.Type);
        w.WriteNumber("amount", t.Amount);
        w.WriteNumber("strike_time", t.StrikeTime);
        w.WriteNumber("strike_rate", t.StrikeRate);
        w.WriteNumber("exp_time", t.ExpirationTime);
        w.WriteNumber("exp_rate", t.ExpirationRate);
        w.WriteNumber("profit", t.Payout);
        w.WriteNumber("status", t.Status);
        w.WriteNumber("result_amount", t.ResultAmount);
        w.WriteNumber("cancel_time", 0);
        w.WriteNumber("is_demo", t.IsDemo);
        w.WriteEndObject();
    }

    // Each push carries every tick since the last one pushed to the session (at most the last 1,000), so the live ticks are
    // exactly the feed's whatever the push cadence; ticks are pushed in order (one tick handler at a time).
    private void OnTick()
    {
        lock (_tickGate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            foreach (var session in _server.Sessions)
            {
                if (!session.IsOpen || !session.Items.TryGetValue(SubscriptionsKey, out var value) || value is not ConcurrentDictionary<int, long> ids)
                {
                    continue;
                }

                foreach (var (assetId, last) in ids)
                {
                    var asset = Feed.TryGetAsset(assetId, out var a) ? a : null;
                    var step = asset is null ? last : PriceFeed<SimulatedAsset>.StepAt(asset, now);
                    if (asset is null || step <= last || !ids.TryUpdate(assetId, step, last))
                    {
                        continue;
                    }

                    var from = PriceFeed<SimulatedAsset>.TimeOfStep(asset, Math.Max(last + 1, step - 999));
                    var ticks = Feed.Ticks(assetId, from, PriceFeed<SimulatedAsset>.TimeOfStep(asset, step + 1));
                    Send(session, Frame("candles", w =>
                    {
                        w.WriteNumber("assetId", assetId);
                        w.WriteStartArray("candles");
                        foreach (var tick in ticks)
                        {
                            var time = tick.Time.ToUnixTimeMilliseconds() / 1000.0;
                            w.WriteStartObject();
                            w.WriteNumber("tf", 0);
                            w.WriteNumber("tt", time);
                            w.WriteNumber("t", time);
                            w.WriteStartArray("v");
                            w.WriteNumberValue(tick.Price);
                            w.WriteEndArray();
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }, null));
                }
            }
        }
    }

    // Pushes are best effort: a session that closed meanwhile simply misses them.
    private static void Send(JsonActionSession session, string frame)
    {
        var sending = session.SendRawAsync(frame);
        if (!sending.IsCompletedSuccessfully)
        {
            _ = Observe(sending);
        }

        static async Task Observe(ValueTask sending)
        {
            try
            {
                await sending.ConfigureAwait(false);
            }
            catch (Exception error) when (error is ConnectionLostException or OperationCanceledException or SendQueueFullException)
            {
            }
        }
    }
}
