
namespace Protocol;

// Collects every module's sinks by message type while the client is built, then freezes them into a DispatchTable.
// unknownFields: the client's count of unknown fields, which every dispatcher reports to while it reads (null: not counted).
internal sealed class DispatchTableBuilder(UnknownFields? unknownFields = null)
{
    private readonly Dictionary<Type, MessageDispatcher> _dispatchers = [];
    private readonly List<MessageDispatcher> _aliases = [];

    public MessageDispatcher<TMessage> For<TMessage>()
        where TMessage : IIncomingMessage<TMessage>
    {
        if (!_dispatchers.TryGetValue(typeof(TMessage), out var dispatcher))
        {
            dispatcher = new MessageDispatcher<TMessage>(unknownFields);
            _dispatchers.Add(typeof(TMessage), dispatcher);

            // A message arriving under several names ([ProtocolMessage(Aliases = …)]) is routed by each; every route reaches the one
            // dispatcher, so the value is still read once and each sink sees it once.
            foreach (var alias in TMessage.WireAliasesUtf8)
            {
                if (alias.AsSpan().SequenceEqual(TMessage.WireNameUtf8))
                {
                    continue;
                }

                _aliases.Add(new AliasDispatcher(dispatcher, alias.ToArray()));
            }
        }

        return (MessageDispatcher<TMessage>)dispatcher;
    }

    public DispatchTable Build() => DispatchTable.Create(_dispatchers.Values.Concat(_aliases));

    // Another name for the same dispatcher; its own Matches accepts the alias.
    private sealed class AliasDispatcher(MessageDispatcher inner, byte[] wireName) : MessageDispatcher
    {
        public override Type MessageType => inner.MessageType;

        public override byte[] WireName => wireName;

        public override void Dispatch(in MessageView message) => inner.Dispatch(message);
    }
}
