using System.Threading.Channels;

namespace Protocol.Testing.Clients;

/// <summary>Records a client's state transitions so a test can await the next one (e.g. the Reconnecting event, to advance a fake clock by its delay).</summary>
/// <typeparam name="TState">The client's state type.</typeparam>
public sealed class StateRecorder<TState>
    where TState : class
{
    private readonly Channel<ConnectionStateChangedEventArgs> _events = Channel.CreateUnbounded<ConnectionStateChangedEventArgs>();
    private readonly List<ConnectionStateChangedEventArgs> _all = [];

    /// <summary>Starts recording.</summary>
    /// <param name="client">The client.</param>
    public StateRecorder(Client<TState> client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.StateChanged += (_, e) =>
        {
            lock (_all)
            {
                _all.Add(e);
            }

            _events.Writer.TryWrite(e);
        };
    }

    /// <summary>Every transition so far, in order.</summary>
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

    /// <summary>Waits for the next transition (not yet awaited by an earlier call) into <paramref name="state"/>.</summary>
    /// <param name="state">The state.</param>
    /// <param name="timeout">A safety bound for a test that would otherwise hang; 5 s when null.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The transition.</returns>
    /// <exception cref="TimeoutException">No such transition in time; the message lists the transitions seen.</exception>
    public Task<ConnectionStateChangedEventArgs> NextAsync(ConnectionState state, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => Waiting.NextMatchingAsync(
            _events.Reader,
            e => e.Current == state,
            timeout,
            limit => $"No transition to {state} within {limit}; seen: {string.Join(", ", All.Select(a => a.Current))}",
            cancellationToken);
}
