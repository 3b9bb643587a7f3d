using Protocol;

namespace Protocol.ExpertOption.Wire.Heartbeat;

/// <summary>
/// <c>{"action":"pong","message":{"data":"&lt;same string&gt;"},"token":…,"ns":…}</c>, the web app's answer to a server ping
/// (fact sheet §3, [C]).
/// </summary>
[ProtocolMessage("pong", Direction = WireDirection.Outgoing)]
public sealed partial class Pong
{
    /// <summary>The ping's data, echoed.</summary>
    [WireName("message")]
    public PingBody Body { get; set; } = new();

    /// <summary>The session token. Never log it.</summary>
    public string Token { get; set; } = "";

    /// <summary>The request id.</summary>
    public long Ns { get; set; }
}
