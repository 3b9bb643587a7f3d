using Protocol.Messaging;

namespace Protocol.Routing;

/// <summary>
/// A routing rule: a cheap, allocation-free, side-effect-free predicate over an inbound message. Runs on the receive
/// path for every message, so it must not block. A rule that throws is logged and treated as no match.
/// </summary>
/// <param name="message">The inbound message.</param>
/// <returns>Whether the module wants it.</returns>
public delegate bool MessageRule(MessageView message);
