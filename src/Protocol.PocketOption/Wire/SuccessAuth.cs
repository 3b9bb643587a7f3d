
namespace Protocol.PocketOption.Wire;

/// <summary>
/// <c>successauth</c>: the login was accepted (§1.2, usually two-step). A real account's server sends <c>{"serverName":…}</c>,
/// a demo one <c>{"id":…}</c> or both; either is enough, and so is no payload at all.
/// </summary>
[ProtocolMessage("successauth", Direction = WireDirection.Incoming)]
public sealed partial class SuccessAuth
{
    /// <summary>The socket's id (demo servers).</summary>
    public string? Id { get; set; }

    /// <summary>The server's name (real servers).</summary>
    public string? ServerName { get; set; }
}
