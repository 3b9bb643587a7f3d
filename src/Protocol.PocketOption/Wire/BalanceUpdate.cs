
namespace Protocol.PocketOption.Wire;

/// <summary>
/// <c>successupdateBalance</c>: <c>{"balance":…,"isDemo":0|1,…}</c>; only <c>balance</c> is required (§3.2). The <c>uid</c> it
/// also carries is a secret and is not read (nor reported as an unknown field).
/// </summary>
[ProtocolMessage("successupdateBalance", Direction = WireDirection.Incoming, IgnoredFields = new[] { "uid" })]
public sealed partial class BalanceUpdate
{
    /// <summary>The account's balance.</summary>
    public decimal Balance { get; set; }

    /// <summary>1 for the demo account, 0 for the real one; null when the server left it out.</summary>
    public int? IsDemo { get; set; }
}
