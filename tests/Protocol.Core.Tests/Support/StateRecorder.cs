using System.Threading.Channels;
using Protocol.Runner;

namespace Protocol.Core.Tests.Support;

// Records state transitions; tests await the next one matching (wall-clock safety timeout only).
public sealed class StateRecorder
{
    private readonly Channel<ConnectionStateChangedEventArgs> _events = Channel.CreateUnbounded<ConnectionStateChangedEventArgs>();
    private readonly List<ConnectionStateChangedEventArgs> _all = [];

    public StateRecorder(Client<TestState> client) => client.StateChanged += (_, e) =>
    {
        lock (_all)
        {
            _all.Add(e);
        }

        _events.Writer.TryWrite(e);
    };

    public IReadOnlyList<ConnectionStateChangedEventArgs> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public async Task<ConnectionStateChangedEventArgs> NextAsync(ConnectionState state, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(cts.Token);
                if (e.Current == state)
                {
                    return e;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No transition to {state}; seen: {string.Join(", ", All.Select(a => a.Current))}");
        }
    }
}
