using Protocol.PocketOption.Account;
using Protocol.PocketOption.Login;
using Protocol.PocketOption.Market;
using Protocol.PocketOption.Session;
using Protocol.PocketOption.Wire;

namespace Protocol.PocketOption;

/// <summary>Declares PocketOption on a <see cref="ClientBuilder{TState}"/>: login, post-login burst, keep-alive and the account and market modules.</summary>
public static class PocketOptionBuilderExtensions
{
    /// <summary>The platform name carried by telemetry.</summary>
    public const string PlatformName = "pocketoption";

    /// <summary>The symbol the web client focuses after login (§1.2).</summary>
    public const string DefaultSymbol = "EURUSD_otc";

    /// <summary>How often <c>42["ps"]</c> is sent while Ready (§1.3).</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(20);

    private static readonly KeepAlive Ping = new();

    /// <summary>
    /// Adds what a PocketOption session needs: the SSID login (<see cref="PocketOptionLogin"/>), on every session the web
    /// client's post-login burst (<c>assets/load</c>, <c>indicator/load</c>, <c>favorite/load</c>, <c>price-alert/load</c>,
    /// <c>getBalance</c>, then <c>changeSymbol</c> + <c>subfor</c> of <paramref name="defaultSymbol"/>, whose ticks keep the
    /// server clock fresh), <c>42["ps"]</c> every 20 s while Ready, and the <see cref="AccountModule"/> and <see cref="MarketModule"/>.
    /// </summary>
    /// <param name="builder">The builder (its transport and endpoints are the caller's).</param>
    /// <param name="ssid">The account's SSID.</param>
    /// <param name="defaultSymbol">The asset focused after login, or null to focus none.</param>
    /// <returns>The builder.</returns>
    public static ClientBuilder<PocketOptionState> UsePocketOption(this ClientBuilder<PocketOptionState> builder, Ssid ssid, string? defaultSymbol = DefaultSymbol)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(ssid);
        return builder
            .WithPlatform(PlatformName)
            .UseLogin(new PocketOptionLogin(ssid))
            .AddAccountModule()
            .AddMarketModule()
            .OnReady("pocketoption-burst", (context, cancellationToken) => SendBurstAsync(context, defaultSymbol, cancellationToken))
            .Every("ps", KeepAliveInterval, static _ => Ping);
    }

    private static async ValueTask SendBurstAsync(ReadyContext<PocketOptionState> context, string? defaultSymbol, CancellationToken cancellationToken)
    {
        await context.SendAsync(new AssetsLoad(), cancellationToken).ConfigureAwait(false);
        await context.SendAsync(new IndicatorLoad(), cancellationToken).ConfigureAwait(false);
        await context.SendAsync(new FavoriteLoad(), cancellationToken).ConfigureAwait(false);
        await context.SendAsync(new PriceAlertLoad(), cancellationToken).ConfigureAwait(false);
        await context.SendAsync(new GetBalance(), cancellationToken).ConfigureAwait(false);
        if (defaultSymbol is not null)
        {
            await context.SendAsync(new ChangeSymbol { Asset = defaultSymbol, Period = MarketModule.StreamPeriodSeconds }, cancellationToken).ConfigureAwait(false);
            await context.SendAsync(new SubscribeFor { Asset = defaultSymbol }, cancellationToken).ConfigureAwait(false);
        }
    }
}
