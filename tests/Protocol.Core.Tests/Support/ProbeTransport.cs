using System.Collections.Concurrent;
using System.Threading.Channels;
using Protocol.Infrastructure;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;

namespace Protocol.Core.Tests.Support;

// The fake transport with a handshake per endpoint: a delay on the (fake) clock, a refusal, or no answer at all. Every
// connection reports when its handshake started (its timer already armed) and when it was disposed, so a test can advance
// the clock one endpoint at a time and know each probe has finished before the next step.
public sealed class ProbeTransport
{
    private readonly ConcurrentDictionary<string, Handshake> _handshakes = new(StringComparer.Ordinal);
    private readonly Channel<string> _started = Channel.CreateUnbounded<string>();
    private readonly Channel<(int Number, string Endpoint)> _disposed = Channel.CreateUnbounded<(int, string)>();

    public ProbeTransport(TimeProvider clock)
    {
        Clock = clock;
        Fake.OnConnect = OnConnectAsync;
    }

    public enum Handshake
    {
        Refuse,
        NeverAnswer,
    }

    public TimeProvider Clock { get; }

    public FakeTransport Fake { get; } = new(FakeEnvelope.JsonActions());

    public ConcurrentDictionary<string, TimeSpan> Delays { get; } = new(StringComparer.Ordinal);

    public void Set(string endpoint, TimeSpan delay)
    {
        _handshakes.TryRemove(endpoint, out _);
        Delays[endpoint] = delay;
    }

    public void Set(string endpoint, Handshake handshake)
    {
        Delays.TryRemove(endpoint, out _);
        _handshakes[endpoint] = handshake;
    }

    public IConnection CreateConnection() => new Tracked(this, (FakeConnection)Fake.CreateConnection());

    // The endpoint of the next handshake that started (its delay timer armed), in order.
    public async Task<string> NextStartedAsync()
        => await _started.Reader.ReadAsync().AsTask().WithSafetyNet();

    // The endpoints of the next handshakes that started, sorted (parallel probes start in any order).
    public async Task<string[]> NextStartedAsync(int count)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = await NextStartedAsync();
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    // The next connection that was disposed (a finished probe, or an ended session), in order.
    public async Task<(int Number, string Endpoint)> NextDisposedAsync()
        => await _disposed.Reader.ReadAsync().AsTask().WithSafetyNet();

    public bool TryTakeStarted(out string? endpoint) => _started.Reader.TryRead(out endpoint);

    private async ValueTask OnConnectAsync(ConnectionEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (_handshakes.TryGetValue(endpoint.Name, out var handshake))
        {
            _started.Writer.TryWrite(endpoint.Name);
            if (handshake == Handshake.Refuse)
            {
                throw new ConnectionFailedException($"{endpoint.Name} refused the connection (test).");
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, Clock, cancellationToken);
        }

        var delay = Delays.TryGetValue(endpoint.Name, out var d) ? d : TimeSpan.Zero;
        var wait = Task.Delay(delay, Clock, cancellationToken);
        _started.Writer.TryWrite(endpoint.Name);
        await wait;
    }

    private sealed class Tracked(ProbeTransport owner, FakeConnection inner) : IConnection
    {
        public FakeConnection Inner => inner;

        public ValueTask ConnectAsync(ConnectionEndpoint endpoint, IMessageSink sink, CancellationToken cancellationToken)
            => inner.ConnectAsync(endpoint, sink, cancellationToken);

        public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken) => inner.SendAsync(message, cancellationToken);

        public ValueTask CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            owner._disposed.Writer.TryWrite((inner.Number, inner.Endpoint?.Name ?? "?"));
        }
    }
}
