
namespace Protocol.PocketOption.Wire;

/// <summary><c>42["price-alert/load"]</c>: asks for the price alerts; part of the web client's post-login burst (§1.2), no argument.</summary>
[ProtocolMessage("price-alert/load", Direction = WireDirection.Outgoing, Layout = WireLayout.None)]
public sealed partial class PriceAlertLoad;
