using Protocol;

// ExpertOption speaks plain JSON actions: {"action":…,"message":…,"token":…,"ns":…} (fact sheet §2.1, [C]). The members of each
// message sit beside "action" (no data property), so "message", "token" and "ns" are ordinary members and "ns" can correlate
// a reply with its request.
[assembly: ProtocolPlatform("ExpertOption", Envelope = WireEnvelope.JsonAction, ActionProperty = "action")]
