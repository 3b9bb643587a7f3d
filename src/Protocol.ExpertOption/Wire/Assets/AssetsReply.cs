using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Assets;

/// <summary><c>{"action":"assets","message":{"assets":[…],"groupTranslation":[…]}}</c> (fact sheet §4.4, [C]).</summary>
[ProtocolMessage("assets", Direction = WireDirection.Incoming)]
public sealed partial class AssetsReply
{
    /// <summary>The message.</summary>
    [WireName("message")]
    public AssetsBody Body { get; set; } = new();

    /// <summary>The echoed request id (undefined when absent).</summary>
    [WireOptional]
    public JsonElement Ns { get; set; }
}

/// <summary>The message of <see cref="AssetsReply"/>.</summary>
[WireType]
public sealed partial class AssetsBody
{
    /// <summary>The assets; a row without an id or symbol is skipped.</summary>
    public List<AssetRow> Assets { get; set; } = [];
}
