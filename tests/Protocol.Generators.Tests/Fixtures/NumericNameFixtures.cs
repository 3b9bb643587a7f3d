// A message whose wire name is the text of a number, and a module that handles it: Socket.IO's 42[42,…] (a numeric event
// name) must not reach it, only 42["42",…] does. NumericEventNameTests drive them.
using System.Threading.Tasks;

namespace Protocol.Generators.Tests.Fixtures;

[ProtocolMessage("42", Direction = WireDirection.Incoming)]
public sealed partial class FortyTwo
{
    public int N { get; set; }
}

public sealed class NumberState
{
    public TaskCompletionSource<int> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

[ProtocolModule("numbers", typeof(NumberState))]
public sealed partial class NumbersModule
{
    [ModuleHandler]
    private void OnFortyTwo(FortyTwo message) => Context.State.Seen.TrySetResult(message.N);
}
