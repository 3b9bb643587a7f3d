
namespace Protocol.PocketOption.Wire;

/// <summary><c>42["changeSymbol",{"asset":"EURUSD_otc","period":60}]</c>: focuses an asset (the server answers with its history).</summary>
[ProtocolMessage("changeSymbol", Direction = WireDirection.Outgoing)]
public sealed partial class ChangeSymbol
{
    /// <summary>The asset.</summary>
    public string Asset { get; set; } = "";

    /// <summary>The candle period in seconds.</summary>
    public long Period { get; set; }
}
