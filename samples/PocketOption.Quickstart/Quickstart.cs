using System.Globalization;
using System.Threading.Channels;
using Protocol;
using Protocol.PocketOption;
using Protocol.PocketOption.Session;
using Protocol.PocketOption.Simulator;
using Protocol.Trading.Candles;
using Protocol.Trading.Market;
using Protocol.Trading.Trades;

namespace PocketOption.Quickstart;

/// <summary>
/// The quickstart: connects (to an embedded simulator, or with <c>POCKETOPTION_SSID</c> to the real platform's demo account),
/// prints the balance and some assets, streams candles, places one demo trade and prints its result.
/// </summary>
public static class Quickstart
{
    /// <summary>The environment variable holding an SSID; unset runs against the embedded simulator.</summary>
    public const string SsidVariable = "POCKETOPTION_SSID";

    /// <summary>Exit code: the run completed.</summary>
    public const int Success = 0;

    /// <summary>Exit code: the run failed (login refused, timeout, order refused); the output says why.</summary>
    public const int Failed = 1;

    /// <summary>Exit code: the SSID is a real-money account's; a sample never trades real money.</summary>
    public const int RealAccountRefused = 2;

    /// <summary>Exit code: stopped by the user (Ctrl+C).</summary>
    public const int Stopped = 130;

    // The embedded simulator accepts any demo session; this one is not a secret.
    private const string SimulatorSsid = """42["auth",{"session":"quickstart-demo","isDemo":1,"uid":1,"platform":2}]""";

    /// <summary>Runs the quickstart at normal speed.</summary>
    /// <param name="output">Where the progress is printed.</param>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code: <see cref="Success"/>, <see cref="Failed"/>, <see cref="RealAccountRefused"/> or <see cref="Stopped"/>.</returns>
    public static Task<int> RunAsync(TextWriter output, Func<string, string?> environment, CancellationToken cancellationToken)
        => RunAsync(output, environment, new QuickstartSettings(), cancellationToken);

    /// <summary>Runs the quickstart with <paramref name="settings"/> (tests: an accelerated clock).</summary>
    /// <param name="output">Where the progress is printed.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="settings">Durations and the clock.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(TextWriter output, Func<string, string?> environment, QuickstartSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(settings);
        var ssidText = environment(SsidVariable);
        PocketOptionSimulator? simulator = null;
        try
        {
            Ssid ssid;
            Uri? endpoint = null;
            if (string.IsNullOrWhiteSpace(ssidText))
            {
                simulator = await PocketOptionSimulator.StartAsync(new PocketOptionSimulatorOptions { TimeProvider = settings.TimeProvider }, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"No {SsidVariable} set: using the PocketOption simulator started in this process ({simulator.Endpoint.Authority}).").ConfigureAwait(false);
                ssid = Ssid.Parse(SimulatorSsid);
                endpoint = simulator.Endpoint;
            }
            else
            {
                if (!Ssid.TryParse(ssidText, out var parsed, out var error))
                {
                    await output.WriteLineAsync($"{SsidVariable} is not a valid SSID: {error.Message}").ConfigureAwait(false);
                    return Failed;
                }

                if (!parsed.IsDemo)
                {
                    await output.WriteLineAsync($"{SsidVariable} is a real-money account's SSID (isDemo is not 1). This sample trades, so it only runs on a demo account: copy the SSID of your demo account (the one whose auth frame has \"isDemo\":1).").ConfigureAwait(false);
                    return RealAccountRefused;
                }

                ssid = parsed;
                await output.WriteLineAsync("Using the PocketOption demo account of POCKETOPTION_SSID.").ConfigureAwait(false);
            }

            await using var client = PocketOptionClient.Create(ssid, new PocketOptionOptions
            {
                Endpoint = endpoint,
                TimeProvider = settings.TimeProvider,
                ConnectTimeout = settings.ConnectTimeout,
            });
            return await TradeOnceAsync(client, output, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
            return Stopped;
        }
        catch (Exception error) when (error is ProtocolException or TimeoutException)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"Failed: {error.Message}").ConfigureAwait(false);
            return Failed;
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> TradeOnceAsync(PocketOptionClient client, TextWriter output, QuickstartSettings settings, CancellationToken cancellationToken)
    {
        var clock = settings.TimeProvider;
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync("Connected and logged in.").ConfigureAwait(false);
        await output.WriteLineAsync(Invariant($"Balance: {await client.GetBalanceAsync(cancellationToken: cancellationToken).ConfigureAwait(false):N2}")).ConfigureAwait(false);

        var assets = await client.GetAssetsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var tradable = assets.Values.Where(a => a.IsActive && a.AllowedExpiries.Count > 0).OrderByDescending(a => a.Payout).ThenBy(a => a.Symbol, StringComparer.Ordinal).ToList();
        if (tradable.Count == 0)
        {
            await output.WriteLineAsync("No asset can be traded now (none is active); try again later.").ConfigureAwait(false);
            return Failed;
        }

        await output.WriteLineAsync(Invariant($"{assets.Count} assets; the best payouts now:")).ConfigureAwait(false);
        foreach (var asset in tradable.Take(5))
        {
            await output.WriteLineAsync(Invariant($"  {asset.Symbol,-14} {asset.Name,-18} payout {asset.Payout,3} %   expiries from {asset.AllowedExpiries.Min().TotalSeconds:0} s")).ConfigureAwait(false);
        }

        var chosen = tradable.Find(a => a.Symbol == PocketOptionBuilderExtensions.DefaultSymbol) ?? tradable[0];
        var last = await StreamCandlesAsync(client, chosen, output, settings, cancellationToken).ConfigureAwait(false);

        // Follow the last candle's direction: a demo of the API, not a strategy.
        var direction = last is { } c && c.Close < c.Open ? TradeDirection.Sell : TradeDirection.Buy;
        var expiry = chosen.AllowedExpiries.Min();
        await using var balances = new BalanceWatch(client, cancellationToken);
        var deal = direction == TradeDirection.Buy
            ? await client.BuyAsync(chosen.Symbol, settings.Amount, expiry, cancellationToken).ConfigureAwait(false)
            : await client.SellAsync(chosen.Symbol, settings.Amount, expiry, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(Invariant($"Placed a demo {(direction == TradeDirection.Buy ? "BUY (call)" : "SELL (put)")} of {settings.Amount:N2} on {chosen.Symbol} for {expiry.TotalSeconds:0} s at {deal.OpenPrice}.")).ConfigureAwait(false);

        var result = client.CheckResultAsync(deal.Id, cancellationToken: cancellationToken);
        var started = clock.GetTimestamp();
        while (!result.IsCompleted)
        {
            var left = expiry - clock.GetElapsedTime(started);
            await output.WriteAsync(Invariant($"\r  waiting for the result... {(left > TimeSpan.Zero ? $"{Math.Ceiling(left.TotalSeconds):0} s left " : "expired, settling")}   ")).ConfigureAwait(false);
            await Task.WhenAny(result, Task.Delay(settings.ProgressInterval, clock, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var outcome = await result.ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        var balance = await balances.AfterSettlementAsync(clock, cancellationToken).ConfigureAwait(false);
        var word = outcome.Outcome switch { TradeOutcome.Win => "WIN", TradeOutcome.Loss => "LOSS", _ => "DRAW" };
        await output.WriteLineAsync(Invariant($"Result: {word}, profit {outcome.Profit:+0.00;-0.00;0.00}; balance now {balance:N2}.")).ConfigureAwait(false);
        return Success;
    }

    private static async Task<Candle?> StreamCandlesAsync(PocketOptionClient client, AssetInfo asset, TextWriter output, QuickstartSettings settings, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(Invariant($"Streaming {settings.CandlePeriod.TotalSeconds:0}-second candles of {asset.Symbol} for {settings.CandleDuration.TotalSeconds:0} s (printed as they close):")).ConfigureAwait(false);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The window's end on the settings' clock (CancelAfter would use the system clock).
        using var timer = settings.TimeProvider.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), window, settings.CandleDuration, Timeout.InfiniteTimeSpan);
        Candle? last = null;
        await using var candles = await client.SubscribeAsync(asset.Symbol, SubscriptionMode.TimeAligned(settings.CandlePeriod), cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var candle in candles.WithCancellation(window.Token).ConfigureAwait(false))
            {
                last = candle;
                await output.WriteLineAsync(Invariant($"  {candle.Time:HH:mm:ss}  open {candle.Open}  high {candle.High}  low {candle.Low}  close {candle.Close}{(candle.Volume is { } v ? $"  ({v:0} ticks)" : "")}")).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The streaming window ended.
        }

        return last;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Collects the balances the server sends, so the one that follows the trade's settlement can be printed.
    private sealed class BalanceWatch : IAsyncDisposable
    {
        private static readonly TimeSpan SettlementWait = TimeSpan.FromSeconds(3);
        private readonly PocketOptionClient _client;
        private readonly Channel<decimal> _updates = Channel.CreateUnbounded<decimal>();
        private readonly CancellationTokenSource _stop;
        private readonly Task _reading;

        public BalanceWatch(PocketOptionClient client, CancellationToken cancellationToken)
        {
            _client = client;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _reading = ReadAsync(_stop.Token);
        }

        // The close is handled before the balance that follows it, so a balance arriving from now on is the settled one; one
        // that arrived already is in the state. Waits a bounded time, then takes the state's.
        public async Task<decimal> AfterSettlementAsync(TimeProvider clock, CancellationToken cancellationToken)
        {
            while (_updates.Reader.TryRead(out _))
            {
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var timer = clock.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), wait, SettlementWait, Timeout.InfiniteTimeSpan);
            try
            {
                return await _updates.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return _client.State.Balance ?? await _client.GetBalanceAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _reading.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }

            _stop.Dispose();
        }

        private async Task ReadAsync(CancellationToken cancellationToken)
        {
            await foreach (var balance in _client.WatchBalanceAsync(cancellationToken).ConfigureAwait(false))
            {
                _updates.Writer.TryWrite(balance);
            }
        }
    }
}
