
namespace Protocol.PocketOption.Wire;

/// <summary><c>42["ps"]</c>: the application keep-alive the web client sends every 20 s (§1.3), no argument.</summary>
[ProtocolMessage("ps", Direction = WireDirection.Outgoing, Layout = WireLayout.None)]
public sealed partial class KeepAlive;
