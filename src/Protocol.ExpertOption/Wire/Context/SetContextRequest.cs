using Protocol;

namespace Protocol.ExpertOption.Wire.Context;

/// <summary>
/// <c>{"action":"setContext","message":{"is_demo":1},"token":…,"ns":1}</c>: chooses the demo or the real account and is the first
/// request of a session; its answer is the "token accepted" signal (fact sheet §1.5 and §4.1, [C]).
/// </summary>
[ProtocolMessage("setContext", Direction = WireDirection.Outgoing)]
public sealed partial class SetContextRequest
{
    /// <summary>The context.</summary>
    [WireName("message")]
    public SetContextBody Body { get; set; } = new();

    /// <summary>The session token (32 hex). Never log it.</summary>
    public string Token { get; set; } = "";

    /// <summary>The request id the reply echoes.</summary>
    public long Ns { get; set; }
}

/// <summary>The body of <see cref="SetContextRequest"/>.</summary>
[WireType]
public sealed partial class SetContextBody
{
    /// <summary>1 for the demo account, 0 for the real one.</summary>
    [WireName("is_demo")]
    public int IsDemo { get; set; }
}
