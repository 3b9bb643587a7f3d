using System.Text.Json;
using Protocol;

namespace Protocol.ExpertOption.Wire;

/// <summary>
/// An answer in the envelope of fact sheet §2.1 whose <c>message</c> has no settled shape, so it is kept as read, and whose
/// <c>ns</c> echoes the request's. The generated readers read these inherited members first.
/// </summary>
public abstract class ActionReply
{
    /// <summary>The reply's message, as read (undefined when absent).</summary>
    [WireName("message")]
    [WireOptional]
    public JsonElement Body { get; set; }

    /// <summary>The echoed request id (undefined when absent).</summary>
    [WireOptional]
    public JsonElement Ns { get; set; }
}
