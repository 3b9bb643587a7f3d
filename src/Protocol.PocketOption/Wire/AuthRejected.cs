
namespace Protocol.PocketOption.Wire;

/// <summary>
/// The login was refused: <c>42["NotAuthorized"]</c> (also seen as <c>notAuthorized</c> and <c>auth_error</c>), which the
/// server follows with a namespace DISCONNECT (<c>41</c>) (§1.2, issue #122).
/// </summary>
[ProtocolMessage("NotAuthorized", Direction = WireDirection.Incoming, Layout = WireLayout.None, Aliases = new[] { "notAuthorized", "auth_error" })]
public sealed partial class AuthRejected;
