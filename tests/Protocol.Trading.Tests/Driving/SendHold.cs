using System.Text;
using Protocol.PocketOption;

namespace Protocol.Trading.Tests.Driving;

/// <summary>
/// Once armed, holds the sending thread of the next frame that starts with a prefix, before the frame reaches the socket, until released:
/// a request whose timer is armed and whose frame is late in real time, as on a machine so loaded that the thread waits for a CPU.
/// </summary>
public sealed class SendHold : ClientMiddleware<PocketOptionState>
{
    private readonly string _prefix;
    private readonly TimeSpan _limit;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;
    private int _held;

    /// <summary>Creates a hold (not armed) for frames starting with <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The frame's start, e.g. <c>42["openOrder"</c>.</param>
    /// <param name="limit">The real-time bound on the hold, so a test that never releases it cannot hang.</param>
    public SendHold(string prefix, TimeSpan limit)
    {
        _prefix = prefix;
        _limit = limit;
    }

    /// <summary>Completes when the frame is held (its request already tracked and timed).</summary>
    public Task Reached => _reached.Task;

    /// <summary>Holds the next frame that starts with the prefix (only that one).</summary>
    public void Arm() => Volatile.Write(ref _armed, 1);

    /// <summary>Lets the held frame go on (and any frame after it).</summary>
    public void Release() => _released.TrySetResult();

    /// <inheritdoc />
    public override void OnSend(MiddlewareContext<PocketOptionState> context, in OutgoingMessage message)
    {
        if (!message.IsText || Volatile.Read(ref _armed) == 0 || Volatile.Read(ref _held) == 1 || !Encoding.UTF8.GetString(message.Content.Span).StartsWith(_prefix, StringComparison.Ordinal))
        {
            return;
        }

        if (Interlocked.Exchange(ref _held, 1) == 0)
        {
            _reached.TrySetResult();

            // Blocking on purpose: this is the sender's own thread, as a descheduled thread would be.
            if (!_released.Task.Wait(_limit))
            {
                throw new TimeoutException($"The frame starting with {_prefix} was held {_limit} and never released; release it in the test.");
            }
        }
    }
}
