using Protocol.PocketOption.Wire;
using Protocol.Trading.Market;

namespace Protocol.PocketOption.Account;

/// <summary>Maps <c>updateAssets</c> rows to the platform-neutral <see cref="AssetInfo"/>.</summary>
public static class AssetRows
{
    /// <summary>Maps each row; a row with an empty symbol is left out.</summary>
    /// <param name="rows">The rows as read.</param>
    /// <returns>The assets, in the server's order.</returns>
    public static IEnumerable<AssetInfo> ToAssets(IEnumerable<AssetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            if (string.IsNullOrEmpty(row.Symbol))
            {
                continue;
            }

            yield return new AssetInfo(
                row.Symbol,
                row.Name,
                Kind(row.Type),
                row.Payout,
                row.IsOtc == 1,
                row.IsActive,
                row.AllowedExpiries.Where(e => e.Time > 0).Select(e => TimeSpan.FromSeconds(e.Time)));
        }
    }

    /// <summary>The kind for the row's type text (<see cref="AssetKind.Unknown"/> for a type this client does not know).</summary>
    /// <param name="type">E.g. <c>currency</c>.</param>
    /// <returns>The kind.</returns>
    public static AssetKind Kind(string type) => type switch
    {
        "currency" => AssetKind.Currency,
        "stock" => AssetKind.Stock,
        "commodity" => AssetKind.Commodity,
        "cryptocurrency" => AssetKind.Cryptocurrency,
        "index" => AssetKind.Index,
        _ => AssetKind.Unknown,
    };
}
