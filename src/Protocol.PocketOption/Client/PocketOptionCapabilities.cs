using System.Collections.Frozen;
using Protocol.PocketOption.Market;
using Protocol.PocketOption.Trading;
using Protocol.Trading.Capabilities;

namespace Protocol.PocketOption;

/// <summary>
/// What this client supports on PocketOption, as the platform-neutral <see cref="TradingCapabilities"/>: every operation of
/// <see cref="Protocol.Trading.Clients.ITradingClient"/>, every candle mode, stakes within <see cref="PocketOptionTradingOptions"/>'s
/// limits (the same on every asset) and up to 10,000 candles per history call.
/// </summary>
public sealed class PocketOptionCapabilities : TradingCapabilities
{
    internal PocketOptionCapabilities(PocketOptionTradingOptions trading)
        : base("PocketOption")
    {
        MinAmount = trading.MinAmount;
        MaxAmount = trading.MaxAmount;
        MaxHistoryCount = CandleHistory.MaxCount;
        Limitations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["close early"] = "this client has no request to close a deal before its expiry; it only reads the platform's successcloseOrder",
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
