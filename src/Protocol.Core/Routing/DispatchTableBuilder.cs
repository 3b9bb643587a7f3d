using Protocol.Messaging;

namespace Protocol.Routing;

// Collects every module's sinks by message type while the client is built, then freezes them into a DispatchTable.
internal sealed class DispatchTableBuilder
{
    private readonly Dictionary<Type, MessageDispatcher> _dispatchers = [];

    public MessageDispatcher<TMessage> For<TMessage>()
        where TMessage : IIncomingMessage<TMessage>
    {
        if (!_dispatchers.TryGetValue(typeof(TMessage), out var dispatcher))
        {
            dispatcher = new MessageDispatcher<TMessage>();
            _dispatchers.Add(typeof(TMessage), dispatcher);
        }

        return (MessageDispatcher<TMessage>)dispatcher;
    }

    public DispatchTable Build() => DispatchTable.Create(_dispatchers.Values);
}
