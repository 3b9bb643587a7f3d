
namespace Protocol.PocketOption.Wire;

/// <summary><c>42["favorite/load"]</c>: asks for the favourite assets; part of the web client's post-login burst (§1.2), no argument.</summary>
[ProtocolMessage("favorite/load", Direction = WireDirection.Outgoing, Layout = WireLayout.None)]
public sealed partial class FavoriteLoad;
