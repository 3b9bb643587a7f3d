using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire.Context;

/// <summary>
/// The answer to <see cref="SetContextRequest"/>, echoing its <c>ns</c>. What <c>message</c> holds is not settled (a <c>result</c>
/// string, or <c>{"is_demo":…}</c>; fact sheet §4.1, [L]), so it is kept as read.
/// </summary>
[ProtocolMessage("setContext", Direction = WireDirection.Incoming)]
public sealed partial class SetContextReply
{
    /// <summary>The reply's message, as read (undefined when absent).</summary>
    [WireName("message")]
    [WireOptional]
    public JsonElement Body { get; set; }

    /// <summary>The echoed request id (undefined when absent).</summary>
    [WireOptional]
    public JsonElement Ns { get; set; }
}
