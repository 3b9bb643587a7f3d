
namespace Protocol.PocketOption.Wire;

/// <summary><c>42["getBalance"]</c>: asks for the balance (answered with successupdateBalance); part of the web client's post-login burst (§1.2), no argument.</summary>
[ProtocolMessage("getBalance", Direction = WireDirection.Outgoing, Layout = WireLayout.None)]
public sealed partial class GetBalance;
