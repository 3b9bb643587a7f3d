using System.Threading.Channels;
using Protocol.Connections;
using Protocol.Connections.WebSockets;

namespace Protocol.Testing.Connections;

/// <summary>Decodes a pushed text frame into a view for the sink (a transport's envelope decoder).</summary>
/// <param name="frame">The frame's UTF-8 bytes.</param>
/// <param name="sink">Where to deliver.</param>
public delegate void FakeFrameDecoder(ReadOnlySpan<byte> frame, IMessageSink sink);

/// <summary>
/// The fake transport: pass <see cref="CreateConnection"/> to <c>ClientBuilder.UseConnection</c>. It records every
/// connection the client makes, can fail or hold connection attempts, and lets a test await the next connection.
/// </summary>
public sealed class FakeTransport
{
    internal static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly List<FakeConnection> _connections = [];
    private readonly Channel<FakeConnection> _connected = Channel.CreateUnbounded<FakeConnection>();
    private readonly Queue<Exception> _failures = new();

    /// <summary>Creates a transport.</summary>
    /// <param name="decoder">How <see cref="FakeConnection.PushText"/> decodes; JSON actions (<c>"action"</c>) by default.</param>
    public FakeTransport(FakeFrameDecoder? decoder = null)
    {
        Decoder = decoder ?? ((frame, sink) => JsonActionEnvelope.Deliver(frame, true, "action"u8, sink));
    }

    /// <summary>The decoder for pushed text.</summary>
    public FakeFrameDecoder Decoder { get; }

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
    /// <param name="timeout">A wall-clock safety net; 5 s by default.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    public async Task<FakeConnection> NextConnectionAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _connected.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(timeout ?? DefaultWait, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No connection succeeded within {timeout ?? DefaultWait} ({Connections.Count} created so far).");
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
