
namespace Protocol;

/// <summary>
/// The client's routes by wire name: one lookup of the received name (as bytes, without copying), then only the
/// message types with that name are matched and read, each once, whatever the number of modules that want them.
/// Built once when the client is built and read-only afterwards, so the receive path takes no lock.
/// </summary>
internal sealed class DispatchTable
{
    private readonly WireNameMap<MessageDispatcher[]> _routes;

    private DispatchTable(WireNameMap<MessageDispatcher[]> routes) => _routes = routes;

    public static DispatchTable Empty { get; } = new(new WireNameMap<MessageDispatcher[]>([]));

    public int Count => _routes.Count;

    public static DispatchTable Create(IEnumerable<MessageDispatcher> dispatchers)
    {
        var routes = new Dictionary<byte[], MessageDispatcher[]>(WireNameComparer.Instance);
        foreach (var dispatcher in dispatchers)
        {
            routes[dispatcher.WireName] = routes.TryGetValue(dispatcher.WireName, out var existing) ? [.. existing, dispatcher] : [dispatcher];
        }

        return new DispatchTable(new WireNameMap<MessageDispatcher[]>(routes));
    }

    public bool Dispatch(in MessageView message)
    {
        // Every routed type has a string wire name: a numeric Socket.IO event name (42[42,…]) is not the string "42".
        if (message.Name.IsEmpty || message.NameIsNumber || !_routes.TryGetValue(message.Name, out var dispatchers))
        {
            return false;
        }

        foreach (var dispatcher in dispatchers)
        {
            dispatcher.Dispatch(message);
        }

        return true;
    }
}
