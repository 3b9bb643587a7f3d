using Protocol;

namespace Protocol.ExpertOption.Wire.Profile;

/// <summary><c>{"action":"profile","token":…,"ns":2}</c> (fact sheet §4.3, [C]); answered by <see cref="ProfileReply"/>.</summary>
[ProtocolMessage("profile", Direction = WireDirection.Outgoing)]
public sealed partial class ProfileRequest
{
    /// <summary>The session token. Never log it.</summary>
    public string Token { get; set; } = "";

    /// <summary>The request id.</summary>
    public long Ns { get; set; }
}
