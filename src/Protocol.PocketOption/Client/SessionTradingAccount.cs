using Protocol.PocketOption.Session;
using Protocol.PocketOption.Trading;
using Protocol.Trading.Market;

namespace Protocol.PocketOption;

// The facade's account for trading: demo or real from the SSID (what the session logged in as, so an order's isDemo matches
// the login even before the server's first balance), assets from the state's last updateAssets.
internal sealed class SessionTradingAccount(Ssid ssid, PocketOptionState state) : ITradingAccount
{
    public bool IsDemo => ssid.IsDemo;

    public AssetInfo? FindAsset(string symbol) => state.Assets.TryGetValue(symbol, out var asset) ? asset : null;
}
