using Protocol;

namespace Protocol.ExpertOption.Wire.Assets;

/// <summary><c>{"action":"assets","message":{"mode":["vanilla"],"subscribeMode":["vanilla"]},…}</c> (fact sheet §4.4, [C]).</summary>
[ProtocolMessage("assets", Direction = WireDirection.Outgoing)]
public sealed partial class AssetsRequest
{
    /// <summary>The modes asked for.</summary>
    [WireName("message")]
    public AssetsRequestBody Body { get; set; } = new();

    /// <summary>The session token. Never log it.</summary>
    public string Token { get; set; } = "";

    /// <summary>The request id.</summary>
    public long Ns { get; set; }
}

/// <summary>The body of <see cref="AssetsRequest"/>.</summary>
[WireType]
public sealed partial class AssetsRequestBody
{
    /// <summary>The option modes (the web app asks for "vanilla").</summary>
    public List<string> Mode { get; set; } = ["vanilla"];

    /// <summary>The modes whose prices are pushed.</summary>
    public List<string> SubscribeMode { get; set; } = ["vanilla"];
}
