
namespace Protocol.PocketOption.Wire;

/// <summary><c>42["indicator/load"]</c>: asks for the indicator settings; part of the web client's post-login burst (§1.2), no argument.</summary>
[ProtocolMessage("indicator/load", Direction = WireDirection.Outgoing, Layout = WireLayout.None)]
public sealed partial class IndicatorLoad;
