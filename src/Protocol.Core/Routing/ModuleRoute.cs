using System.Threading.Channels;
using Protocol.Infrastructure;

namespace Protocol;

// One module's entry in the router: its validator (null for a module routed by wire name through the dispatch table) and its
// inbox. Counters are read by diagnostics.
internal sealed class ModuleRoute(string name, ModuleKind kind, Validator? matches, Channel<ModuleInput> inbox)
{
    private long _dropped;

    public string Name { get; } = name;

    public ModuleKind Kind { get; } = kind;

    public Validator? Matches { get; } = matches;

    public Channel<ModuleInput> Inbox { get; } = inbox;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long CountDrop() => Interlocked.Increment(ref _dropped);
}
