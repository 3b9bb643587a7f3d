
namespace Protocol.PocketOption.Wire;

/// <summary>
/// <c>updateStream</c>: <c>[["EURUSD_otc",1770856131.3,1.19537]]</c> (§3.2). The server sends one tick per message; the list
/// form is kept so a batch would still read.
/// </summary>
[ProtocolMessage("updateStream", Direction = WireDirection.Incoming, Layout = WireLayout.Value)]
public sealed partial class UpdateStream
{
    /// <summary>The ticks.</summary>
    public List<StreamTick> Ticks { get; set; } = [];
}
