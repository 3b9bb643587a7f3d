using Protocol;

namespace Protocol.ExpertOption.Wire.Heartbeat;

/// <summary>
/// The client's keep-alive <c>{"action":"ping","v":23,"message":{}}</c> (fact sheet §3, [M]); no reply format is documented, so
/// nothing waits for one: any inbound frame proves the connection alive.
/// </summary>
[ProtocolMessage("ping", Direction = WireDirection.Outgoing)]
public sealed partial class ClientPing
{
    /// <summary>The protocol version the clients send with a ping (23).</summary>
    public int V { get; set; } = 23;

    /// <summary>An empty message.</summary>
    [WireName("message")]
    public EmptyBody Body { get; set; } = new();

    /// <summary>The session token. Never log it.</summary>
    public string Token { get; set; } = "";
}

/// <summary>An empty <c>{}</c> message.</summary>
[WireType]
public sealed partial class EmptyBody;
