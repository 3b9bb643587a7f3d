using System.Collections.Frozen;
using Protocol.Trading.Capabilities;

namespace Protocol.ExpertOption;

/// <summary>
/// What this client supports on ExpertOption, as the platform-neutral <see cref="TradingCapabilities"/>, decided by the fact
/// sheet's confidence: what captured traffic or several clients document is supported; what no public source documents is
/// unsupported (an operation in <see cref="TradingCapabilities.Unsupported"/>, anything else in
/// <see cref="TradingCapabilities.Limitations"/>), each with why, and never faked. Stake limits are per asset
/// (<see cref="Protocol.Trading.Market.AssetInfo.MinAmount"/>).
/// </summary>
public sealed class ExpertOptionCapabilities : TradingCapabilities
{
    private ExpertOptionCapabilities()
        : base("ExpertOption", new Dictionary<TradingOperation, string>
        {
            [TradingOperation.BalanceUpdates] = "none is documented; the balance is read with a profile request",
        })
    {
        Limitations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["close early"] = "only the names cancelOption/optionCanceled are known; no request or answer shape is documented",
            ["draw result code"] = "no draw appears in any capture; a closed trade with result 0 is reported as a draw",
            ["unsubscribe candles"] = "sources disagree and one found none in real traffic; a stream ends on the client only",
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    internal static ExpertOptionCapabilities Instance { get; } = new();
}
