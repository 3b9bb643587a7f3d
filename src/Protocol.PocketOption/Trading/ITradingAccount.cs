using Protocol.Trading.Market;

namespace Protocol.PocketOption.Trading;

/// <summary>What trading needs to know about the logged-in account (the client supplies it from its session and asset list).</summary>
public interface ITradingAccount
{
    /// <summary>True on the demo account (orders are sent with <c>isDemo: 1</c>).</summary>
    bool IsDemo { get; }

    /// <summary>The asset with this symbol, or null when it is not in the platform's asset list (or the list has not arrived yet).</summary>
    /// <param name="symbol">The asset's symbol, e.g. <c>EURUSD_otc</c>.</param>
    /// <returns>The asset, or null.</returns>
    AssetInfo? FindAsset(string symbol);
}
