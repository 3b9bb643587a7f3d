using System.Collections.Frozen;
using System.Globalization;
using Protocol.Trading.Candles;
using Protocol.Trading.Market;

namespace Protocol.Trading.Capabilities;

/// <summary>
/// What a platform's <see cref="Clients.ITradingClient"/> supports and its limits, known before anything is called: the operations
/// it does not support (each with why), the candle modes, the stake limits, how deep history goes, and the limitations of the
/// platform that no operation shows (each with why).
/// </summary>
/// <example><code>
/// if (client.Capabilities.Supports(TradingOperation.BalanceUpdates))
///     await foreach (var balance in client.WatchBalanceAsync(ct)) Console.WriteLine(balance);
/// else
///     Console.WriteLine(client.Capabilities.Unsupported[TradingOperation.BalanceUpdates]); // why not
/// </code></example>
public class TradingCapabilities
{
    private static readonly SubscriptionModeKind[] AllModes = Enum.GetValues<SubscriptionModeKind>();

    /// <summary>Describes a platform.</summary>
    /// <param name="platform">The platform's name, e.g. <c>PocketOption</c>.</param>
    /// <param name="unsupported">The operations it does not support, each with why (an empty reason is refused).</param>
    /// <exception cref="ArgumentException">The platform is empty, or a reason is empty.</exception>
    public TradingCapabilities(string platform, IReadOnlyDictionary<TradingOperation, string>? unsupported = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        unsupported ??= FrozenDictionary<TradingOperation, string>.Empty;
        foreach (var (operation, reason) in unsupported)
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new ArgumentException($"Say why {platform} does not support {operation}: a reason is what a strategy's author reads instead of calling it.", nameof(unsupported));
            }
        }

        Platform = platform;
        Unsupported = unsupported.ToFrozenDictionary();
        Supported = [.. Enum.GetValues<TradingOperation>().Where(o => !Unsupported.ContainsKey(o))];
    }

    /// <summary>The platform's name.</summary>
    public string Platform { get; }

    /// <summary>The operations the platform supports.</summary>
    public IReadOnlyList<TradingOperation> Supported { get; }

    /// <summary>The operations the platform does not support, each with why; calling one throws <see cref="NotSupportedByPlatformException"/>.</summary>
    public IReadOnlyDictionary<TradingOperation, string> Unsupported { get; }

    /// <summary>
    /// What the platform lacks or does differently that no operation shows (e.g. closing a trade early, a server-side unsubscribe),
    /// each with why; empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, string> Limitations { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>The candle modes <see cref="Clients.ITradingClient.SubscribeAsync"/> takes; all four by default.</summary>
    public IReadOnlyList<SubscriptionModeKind> SubscriptionModes { get; init; } = AllModes;

    /// <summary>The smallest stake on every asset; null when it is per asset (see <see cref="AssetInfo.MinAmount"/>).</summary>
    public decimal? MinAmount { get; init; }

    /// <summary>The largest stake on every asset; null when it is per asset (see <see cref="AssetInfo.MaxAmount"/>).</summary>
    public decimal? MaxAmount { get; init; }

    /// <summary>The most candles one history call returns; null when the platform does not say.</summary>
    public int? MaxHistoryCount { get; init; }

    /// <summary>Whether the platform supports an operation.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>True when it is not in <see cref="Unsupported"/>.</returns>
    public bool Supports(TradingOperation operation) => !Unsupported.ContainsKey(operation);

    /// <summary>Whether candle streams take a mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>True when streams are supported and the mode's kind is in <see cref="SubscriptionModes"/>.</returns>
    public bool Supports(SubscriptionMode mode) => Supports(TradingOperation.CandleStream) && SubscriptionModes.Contains(mode.Kind);

    /// <summary>Throws when the platform does not support an operation (implementations call it first, so nothing is sent).</summary>
    /// <param name="operation">The operation.</param>
    /// <exception cref="NotSupportedByPlatformException">The platform does not support it.</exception>
    public void EnsureSupported(TradingOperation operation)
    {
        if (Unsupported.TryGetValue(operation, out var reason))
        {
            throw new NotSupportedByPlatformException(Platform, operation, reason);
        }
    }

    /// <summary>Throws when candle streams are not supported or do not take this mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <exception cref="NotSupportedByPlatformException">Streams, or this mode, are not supported.</exception>
    public void EnsureSupported(SubscriptionMode mode)
    {
        EnsureSupported(TradingOperation.CandleStream);
        if (!SubscriptionModes.Contains(mode.Kind))
        {
            throw new NotSupportedByPlatformException(Platform, TradingOperation.CandleStream,
                $"its candle streams take {string.Join(", ", SubscriptionModes)}, not {mode}");
        }
    }

    /// <summary>The stakes an order on <paramref name="asset"/> may have: the asset's own limits, else the platform's.</summary>
    /// <param name="asset">The asset.</param>
    /// <returns>The smallest and largest stake; null for a bound neither says.</returns>
    public (decimal? Min, decimal? Max) AmountLimits(AssetInfo asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return (asset.MinAmount ?? MinAmount, asset.MaxAmount ?? MaxAmount);
    }

    /// <summary>The platform and what it does not support, for logs.</summary>
    /// <returns>E.g. <c>ExpertOption: all but BalanceUpdates</c>.</returns>
    public override string ToString()
        => Unsupported.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Platform}: every operation")
            : string.Create(CultureInfo.InvariantCulture, $"{Platform}: all but {string.Join(", ", Unsupported.Keys.Order())}");
}
