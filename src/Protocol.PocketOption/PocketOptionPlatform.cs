using Protocol.Attributes;

// PocketOption speaks Socket.IO v5 over Engine.IO v4 (pocketoption.md §1): one platform, one dispatch table.
[assembly: ProtocolPlatform("PocketOption", Envelope = WireEnvelope.SocketIO)]
