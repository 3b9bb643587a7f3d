namespace Protocol.ExpertOption;

/// <summary>
/// What this client supports on ExpertOption, decided by the fact sheet's confidence: what captured traffic or several clients
/// document is supported; what no public source documents is listed in <see cref="Unsupported"/> and never faked.
/// </summary>
public sealed class ExpertOptionCapabilities
{
    internal static ExpertOptionCapabilities Instance { get; } = new();

    private ExpertOptionCapabilities()
    {
    }

    /// <summary>Operations the client performs.</summary>
    public IReadOnlyList<string> Supported { get; } =
    [
        "connect (token, demo/real context)",
        "balance",
        "assets with payouts and expiries",
        "buy (call/put, variant A)",
        "check result (closing push, status 1 win / 2 loss / 4 closed early)",
        "candle stream (ticks aggregated by any SubscriptionMode)",
        "candle history",
    ];

    /// <summary>Operations no public source documents, with why; calling them is not offered.</summary>
    public IReadOnlyDictionary<string, string> Unsupported { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["close early"] = "only the names cancelOption/optionCanceled are known; no request or answer shape is documented",
        ["draw result code"] = "no draw appears in any capture; a closed trade with result 0 is reported as a draw",
        ["balance-change push"] = "none is documented; the balance is read with a profile request",
        ["unsubscribe candles"] = "sources disagree and one found none in real traffic; a stream ends on the client only",
    };
}
