using System.Globalization;
using Protocol;
using Protocol.ExpertOption;
using Protocol.ExpertOption.Simulator;
using Protocol.Trading.Candles;
using Protocol.Trading.Trades;

namespace ExpertOption.Quickstart;

/// <summary>
/// The quickstart: connects (to an embedded simulator, or with <c>EXPERTOPTION_TOKEN</c> to the real platform's demo context,
/// never the real one), prints the balance and some assets, streams candles, places one demo trade and prints its result.
/// </summary>
public static class Quickstart
{
    /// <summary>The environment variable holding a session token; unset runs against the embedded simulator.</summary>
    public const string TokenVariable = "EXPERTOPTION_TOKEN";

    /// <summary>Exit code: the run completed.</summary>
    public const int Success = 0;

    /// <summary>Exit code: the run failed (token refused, timeout, order refused); the output says why.</summary>
    public const int Failed = 1;

    /// <summary>Exit code: stopped by the user (Ctrl+C).</summary>
    public const int Stopped = 130;

    // The embedded simulator's default account; not a secret.
    private const string SimulatorToken = "0123456789abcdef0123456789abcdef";

    // The asset traded when it is offered: EUR/USD, as in the captured asset list.
    private const int PreferredAsset = 142;

    /// <summary>Runs the quickstart at normal speed.</summary>
    /// <param name="output">Where the progress is printed.</param>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code: <see cref="Success"/>, <see cref="Failed"/> or <see cref="Stopped"/>.</returns>
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
        var token = environment(TokenVariable);
        ExpertOptionSimulator? simulator = null;
        try
        {
            Uri? endpoint = null;
            if (string.IsNullOrWhiteSpace(token))
            {
                simulator = await ExpertOptionSimulator.StartAsync(new ExpertOptionSimulatorOptions { TimeProvider = settings.TimeProvider }, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"No {TokenVariable} set: using the ExpertOption simulator started in this process ({simulator.Endpoint.Authority}).").ConfigureAwait(false);
                token = SimulatorToken;
                endpoint = simulator.Endpoint;
            }
            else
            {
                await output.WriteLineAsync($"Using the ExpertOption account of {TokenVariable}, in its DEMO context (this sample never trades real money).").ConfigureAwait(false);
            }

            ExpertOptionClient client;
            try
            {
                client = ExpertOptionClient.Create(token.Trim(), new ExpertOptionOptions
                {
                    Endpoint = endpoint,

                    // Always the demo context: a sample must never trade real money, whatever account the token is of.
                    IsDemo = true,
                    TimeProvider = settings.TimeProvider,
                    ConnectTimeout = settings.ConnectTimeout,
                    RequestTimeout = settings.RequestTimeout,
                    ResultGrace = settings.ResultGrace,
                });
            }
            catch (ArgumentException error)
            {
                // The message describes the token (its length, non-hex characters) and never repeats it.
                await output.WriteLineAsync($"{TokenVariable} is not a valid token: {error.Message}").ConfigureAwait(false);
                return Failed;
            }

            await using (client.ConfigureAwait(false))
            {
                return await TradeOnceAsync(client, output, settings, cancellationToken).ConfigureAwait(false);
            }
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

    private static async Task<int> TradeOnceAsync(ExpertOptionClient client, TextWriter output, QuickstartSettings settings, CancellationToken cancellationToken)
    {
        var clock = settings.TimeProvider;
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync("Connected and logged in (demo context).").ConfigureAwait(false);
        await output.WriteLineAsync(Invariant($"Balance: {await client.GetBalanceAsync(cancellationToken).ConfigureAwait(false):N2}")).ConfigureAwait(false);

        var assets = await client.GetAssetsAsync(cancellationToken).ConfigureAwait(false);
        var tradable = assets
            .Where(a => a.Info.IsActive && a.Info.AllowedExpiries.Any(e => e >= a.PurchaseTime) && a.MinAmount <= settings.Amount && settings.Amount <= a.MaxAmount)
            .OrderByDescending(a => a.Info.Payout).ThenBy(a => a.Id).ToList();
        if (tradable.Count == 0)
        {
            await output.WriteLineAsync("No asset can be traded now (none is active for this stake); try again later.").ConfigureAwait(false);
            return Failed;
        }

        await output.WriteLineAsync(Invariant($"{assets.Count} assets; the best payouts now:")).ConfigureAwait(false);
        foreach (var asset in tradable.Take(5))
        {
            await output.WriteLineAsync(Invariant($"  {asset.Id,6}  {asset.Info.Symbol,-10} {asset.Info.Name,-16} payout {asset.Info.Payout,3} %   expiries from {ShortestExpiry(asset).TotalSeconds:0} s")).ConfigureAwait(false);
        }

        var chosen = tradable.Find(a => a.Id == PreferredAsset) ?? tradable[0];
        var last = await StreamCandlesAsync(client, chosen, output, settings, cancellationToken).ConfigureAwait(false);

        // Follow the last candle's direction: a demo of the API, not a strategy.
        var direction = last is { } c && c.Close < c.Open ? TradeDirection.Sell : TradeDirection.Buy;
        var expiry = ShortestExpiry(chosen);
        var trade = direction == TradeDirection.Buy
            ? await client.BuyAsync(chosen.Id, settings.Amount, expiry, cancellationToken).ConfigureAwait(false)
            : await client.SellAsync(chosen.Id, settings.Amount, expiry, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(Invariant($"Placed a demo {(direction == TradeDirection.Buy ? "BUY (call)" : "SELL (put)")} of {settings.Amount:N2} on {chosen.Info.Symbol} ({chosen.Id}) for {expiry.TotalSeconds:0} s.")).ConfigureAwait(false);

        var result = client.CheckResultAsync(trade, cancellationToken);
        while (!result.IsCompleted)
        {
            var left = trade.ExpiresAt - clock.GetUtcNow();
            await output.WriteAsync(Invariant($"\r  waiting for the result... {(left > TimeSpan.Zero ? $"{Math.Ceiling(left.TotalSeconds):0} s left " : "expired, settling")}   ")).ConfigureAwait(false);
            await Task.WhenAny(result, Task.Delay(settings.ProgressInterval, clock, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        var outcome = await result.ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);

        // The platform sends no balance push at settlement: the profile is asked for again.
        var balance = await client.GetBalanceAsync(cancellationToken).ConfigureAwait(false);
        var word = outcome.Outcome switch { TradeOutcome.Win => "WIN", TradeOutcome.Loss => "LOSS", _ => "DRAW" };
        await output.WriteLineAsync(Invariant($"Result: {word}, profit {outcome.Profit:+0.00;-0.00;0.00}; balance now {balance:N2}.")).ConfigureAwait(false);
        return Success;
    }

    // The shortest expiry the asset allows that its purchase time leaves open.
    private static TimeSpan ShortestExpiry(ExpertOptionAsset asset) => asset.Info.AllowedExpiries.Where(e => e >= asset.PurchaseTime).Min();

    private static async Task<Candle?> StreamCandlesAsync(ExpertOptionClient client, ExpertOptionAsset asset, TextWriter output, QuickstartSettings settings, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(Invariant($"Streaming {settings.CandlePeriod.TotalSeconds:0}-second candles of {asset.Info.Symbol} ({asset.Id}), printed as they close ({settings.CandleCount} of them):")).ConfigureAwait(false);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The window's end on the settings' clock (CancelAfter would use the system clock).
        using var timer = settings.TimeProvider.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), window, settings.CandleDuration, Timeout.InfiniteTimeSpan);
        Candle? last = null;
        var printed = 0;
        await using var candles = client.SubscribeAsync(asset.Id, SubscriptionMode.TimeAligned(settings.CandlePeriod), cancellationToken);
        try
        {
            await foreach (var candle in candles.WithCancellation(window.Token).ConfigureAwait(false))
            {
                last = candle;
                await output.WriteLineAsync(Invariant($"  {candle.Time:HH:mm:ss}  open {candle.Open}  high {candle.High}  low {candle.Low}  close {candle.Close}{(candle.Volume is { } v ? $"  ({v:0} ticks)" : "")}")).ConfigureAwait(false);
                if (++printed == settings.CandleCount)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The streaming window ended.
        }

        return last;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
