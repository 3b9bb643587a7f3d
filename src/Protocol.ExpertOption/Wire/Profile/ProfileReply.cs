using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Profile;

/// <summary>
/// <c>{"action":"profile","ns":2,"message":{"profile":{…}}}</c> (fact sheet §4.3, [C]). Both balances come in every profile,
/// whatever the context. The server may also push it unasked (no <c>ns</c>).
/// </summary>
[ProtocolMessage("profile", Direction = WireDirection.Incoming)]
public sealed partial class ProfileReply
{
    /// <summary>The message.</summary>
    [WireName("message")]
    public ProfileBody Body { get; set; } = new();

    /// <summary>The echoed request id (undefined when pushed or absent).</summary>
    [WireOptional]
    public JsonElement Ns { get; set; }
}

/// <summary>The message of <see cref="ProfileReply"/>.</summary>
[WireType]
public sealed partial class ProfileBody
{
    /// <summary>The profile.</summary>
    public ProfileData Profile { get; set; } = new();
}
