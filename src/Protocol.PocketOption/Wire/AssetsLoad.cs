
namespace Protocol.PocketOption.Wire;

/// <summary><c>42["assets/load"]</c>: asks for the asset list (answered with updateAssets); part of the web client's post-login burst (§1.2), no argument.</summary>
[ProtocolMessage("assets/load", Direction = WireDirection.Outgoing, Layout = WireLayout.None)]
public sealed partial class AssetsLoad;
