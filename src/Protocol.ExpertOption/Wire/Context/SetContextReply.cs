using Protocol;
using Protocol.ExpertOption.Wire;

namespace Protocol.ExpertOption.Wire.Context;

/// <summary>
/// The answer to <see cref="SetContextRequest"/>, echoing its <c>ns</c>. What <c>message</c> holds is not settled (a <c>result</c>
/// string, or <c>{"is_demo":…}</c>; fact sheet §4.1, [L]), so it is kept as read.
/// </summary>
[ProtocolMessage("setContext", Direction = WireDirection.Incoming)]
public sealed partial class SetContextReply : ActionReply
{
}
