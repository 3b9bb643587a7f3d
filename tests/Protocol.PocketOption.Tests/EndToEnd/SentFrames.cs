using System.Collections.Concurrent;
using System.Text;

namespace Protocol.PocketOption.Tests.EndToEnd;

// Records the text of every frame the client sends, so a test can count the orders that reached the wire.
internal sealed class SentFrames : ClientMiddleware<PocketOptionState>
{
    private readonly ConcurrentQueue<string> _frames = new();

    public IReadOnlyList<string> All => [.. _frames];

    public int CountEvent(string name) => All.Count(f => f.Contains($"[\"{name}\"", StringComparison.Ordinal));

    public override void OnSend(MiddlewareContext<PocketOptionState> context, in OutgoingMessage message)
    {
        if (message.IsText)
        {
            _frames.Enqueue(Encoding.UTF8.GetString(message.Content.Span));
        }
    }
}
