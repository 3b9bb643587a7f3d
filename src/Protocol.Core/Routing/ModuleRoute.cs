using System.Threading.Channels;
using Protocol.Modules;

namespace Protocol.Routing;

// One module's entry in the router: its rule (null for a module routed by wire name through the dispatch table) and its
// inbox. Counters are read by diagnostics.
internal sealed class ModuleRoute(string name, ModuleKind kind, MessageRule? rule, Channel<ModuleInput> inbox)
{
    private long _dropped;

    public string Name { get; } = name;

    public ModuleKind Kind { get; } = kind;

    public MessageRule? Rule { get; } = rule;

    public Channel<ModuleInput> Inbox { get; } = inbox;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long CountDrop() => Interlocked.Increment(ref _dropped);
}
