using System.Threading.Channels;
using Protocol.Infrastructure;
using Protocol.Testing.Envelopes;

namespace Protocol.Testing.Connections;

/// <summary>
/// The fake transport: pass <see cref="CreateConnection"/> to <c>ClientBuilder.UseConnection</c>. It records every
/// connection the client makes, can fail or hold connection attempts, and lets a test await the next connection.
/// Frames pushed on its connections are decoded by the platform's <see cref="FakeEnvelope"/>.
/// </summary>
public sealed class FakeTransport
{
    private readonly Lock _gate = new();
    private readonly List<FakeConnection> _connections = [];
    private readonly Channel<FakeConnection> _connected = Channel.CreateUnbounded<FakeConnection>();
    private readonly Queue<Exception> _failures = new();

    /// <summary>Creates a transport for a platform's envelope.</summary>
    /// <param name="envelope">How pushed frames are decoded: <see cref="FakeEnvelope.SocketIO"/> or <see cref="FakeEnvelope.JsonActions"/>.</param>
    public FakeTransport(FakeEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        Envelope = envelope;
    }

    /// <summary>How pushed frames are decoded.</summary>
    public FakeEnvelope Envelope { get; }

    /// <summary>
    /// Called for every connection attempt before it succeeds: throw to fail it, or await to hold it (honour the
    /// token: the runner's connect timeout cancels it). Null: attempts succeed at once (unless queued failures).
    /// </summary>
    public Func<ConnectionEndpoint, CancellationToken, ValueTask>? OnConnect { get; set; }

    /// <summary>Every connection created, in order.</summary>
    public IReadOnlyList<FakeConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>The most recent connection that is open, if any.</summary>
    public FakeConnection? Current
    {
        get
        {
            lock (_gate)
            {
                return _connections.LastOrDefault(c => c.IsOpen);
            }
        }
    }

    /// <summary>Creates a connection (the <see cref="ConnectionFactory"/> to give the builder).</summary>
    public IConnection CreateConnection()
    {
        lock (_gate)
        {
            var connection = new FakeConnection(this, _connections.Count + 1);
            _connections.Add(connection);
            return connection;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> connection attempts fail.</summary>
    /// <param name="count">How many.</param>
    public void FailNextConnects(int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue(new ConnectionFailedException("Connection refused by the fake transport."));
            }
        }
    }

    /// <summary>Waits for the next connection that succeeds (each returned once, in order).</summary>
    /// <param name="timeout">A wall-clock safety net; <see cref="SafetyNet.DefaultLimit"/> by default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    public async Task<FakeConnection> NextConnectionAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        try
        {
            // A wait that timed out withdraws its read: the next connection goes to the next wait.
            return await TimeoutRunner.RunAsync(nameof(NextConnectionAsync), timeout ?? SafetyNet.DefaultLimit, TimeProvider.System, ct => _connected.Reader.ReadAsync(ct).AsTask(), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No connection succeeded within {timeout ?? SafetyNet.DefaultLimit} ({Connections.Count} created so far).");
        }
    }

    internal async ValueTask OnConnectingAsync(FakeConnection connection, ConnectionEndpoint endpoint, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        lock (_gate)
        {
            if (_failures.Count > 0)
            {
                failure = _failures.Dequeue();
            }
        }

        if (failure is not null)
        {
            throw failure;
        }

        if (OnConnect is { } hook)
        {
            await hook(endpoint, cancellationToken).ConfigureAwait(false);
        }
    }

    internal void OnConnected(FakeConnection connection) => _connected.Writer.TryWrite(connection);
}
