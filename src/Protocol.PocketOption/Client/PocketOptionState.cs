using System.Collections.Frozen;
using Protocol.Trading.Market;
using Protocol.Trading.Time;

namespace Protocol.PocketOption;

/// <summary>
/// What a PocketOption client knows about its account and the market, kept up to date by the platform's modules on the
/// receive path: the balance, the asset list and the server's clock (and, from the trading modules, the deals). Reads are
/// safe from any thread; the values change only when the server says so.
/// </summary>
public sealed partial class PocketOptionState
{
    private readonly Lock _gate = new();
    private decimal? _balance;
    private bool? _isDemo;
    private FrozenDictionary<string, AssetInfo> _assets = FrozenDictionary<string, AssetInfo>.Empty;

    /// <summary>The account's balance as last sent by the server, or null before the first <c>successupdateBalance</c>.</summary>
    public decimal? Balance
    {
        get
        {
            lock (_gate)
            {
                return _balance;
            }
        }
    }

    /// <summary>Whether the balance is the demo account's, as the server last said (null when it did not say).</summary>
    public bool? IsDemo
    {
        get
        {
            lock (_gate)
            {
                return _isDemo;
            }
        }
    }

    /// <summary>The assets by symbol (ordinal), as of the last <c>updateAssets</c>; empty before it.</summary>
    public IReadOnlyDictionary<string, AssetInfo> Assets => Volatile.Read(ref _assets);

    /// <summary>The server's clock, estimated from the times of the ticks the server streams.</summary>
    public ServerClock ServerTime { get; } = new();

    internal void SetBalance(decimal balance, bool? isDemo)
    {
        lock (_gate)
        {
            _balance = balance;
            _isDemo = isDemo ?? _isDemo;
        }
    }

    internal void SetAssets(IEnumerable<AssetInfo> assets)
    {
        // The last row wins for a symbol listed twice: the server's list is the truth and a duplicate is not worth failing on.
        var bySymbol = new Dictionary<string, AssetInfo>(StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            bySymbol[asset.Symbol] = asset;
        }

        Volatile.Write(ref _assets, bySymbol.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
