using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Threading.Channels;
using Protocol.Core.Tests.Support;
using Protocol.Testing;
using Protocol.JsonActions;
using Protocol.Testing.Logging;

namespace Protocol.Core.Tests.Probing;

// Probing over real WebSockets on 127.0.0.1: two servers, the first one declared holds its handshake until the second
// one's probe connection has come and gone, so the second is measurably faster without the test sleeping or reading a clock.
public sealed class EndpointProbeLoopbackTests
{
    [Fact]
    public async Task The_server_that_answers_the_handshake_first_is_connected_to_first()
    {
        var fastProbeDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fast = new HandshakeServer(gate: null);
        await using var slow = new HandshakeServer(gate: fastProbeDone.Task);
        var logs = new CapturingLoggerFactory();
        await using var client = new ClientBuilder<TestState>(new TestState())
            .UseConnection(JsonWebSocketConnection.Factory(new JsonWebSocketOptions()))
            .AddEndpoint(new ConnectionEndpoint(slow.Uri, "slow"))
            .AddEndpoint(new ConnectionEndpoint(fast.Uri, "fast"))
            .OrderEndpointsByLatency(TimeSpan.FromSeconds(10))
            .UseLoggerFactory(logs)
            .Build();

        await client.ConnectAsync();
        (await fast.NextClosedAsync()).ShouldBe(1);   // the fast server's probe: opened, then closed by the client
        fastProbeDone.SetResult();
        (await slow.NextClosedAsync()).ShouldBe(1);   // the slow server's probe, answered only now
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)).WithSafetyNet(TimeSpan.FromSeconds(15));

        client.EndpointOrder.Select(e => e.Endpoint.Name).ShouldBe(["fast", "slow"], string.Join(", ", client.EndpointOrder));
        client.EndpointOrder.ShouldAllBe(e => e.IsReachable);
        (await fast.NextAcceptedAsync()).ShouldBe(1);   // its probe
        (await fast.NextAcceptedAsync()).ShouldBe(2);   // then the session
        slow.Accepted.ShouldBe(1);
        logs.All.ShouldContain(e => e.EventId.Id == 71 && e.Message.StartsWith("Endpoint order by handshake latency: fast ", StringComparison.Ordinal));
    }

    // A WebSocket server on 127.0.0.1 and a free port that holds every upgrade until its gate opens, reports each accepted
    // client and each client's close (numbered from 1), and answers a close with a close.
    private sealed class HandshakeServer : IAsyncDisposable
    {
        private static readonly TimeSpan Net = TimeSpan.FromSeconds(10);
        private readonly HttpListener _listener = new();
        private readonly Task? _gate;
        private readonly Channel<int> _accepted = Channel.CreateUnbounded<int>();
        private readonly Channel<int> _closed = Channel.CreateUnbounded<int>();
        private readonly List<Task> _clients = [];
        private readonly Task _loop;
        private int _count;

        public HandshakeServer(Task? gate)
        {
            _gate = gate;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            Uri = new Uri($"ws://127.0.0.1:{port}/ws");
            _loop = AcceptAsync();
        }

        public Uri Uri { get; }

        public int Accepted => Volatile.Read(ref _count);

        public async Task<int> NextAcceptedAsync() => await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Net);

        public async Task<int> NextClosedAsync() => await _closed.Reader.ReadAsync().AsTask().WaitAsync(Net);

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            try
            {
                await Task.WhenAll([_loop, .. _clients]).WaitAsync(Net);
            }
            catch (Exception)
            {
                // Stopping the listener fails the pending accept and the open sockets: that is how the loops end.
            }
        }

        private async Task AcceptAsync()
        {
            while (_listener.IsListening)
            {
                var context = await _listener.GetContextAsync();
                if (_gate is not null)
                {
                    await _gate.WaitAsync(Net);
                }

                var socket = (await context.AcceptWebSocketAsync(null)).WebSocket;
                var number = Interlocked.Increment(ref _count);
                _accepted.Writer.TryWrite(number);
                _clients.Add(ServeAsync(socket, number));
            }
        }

        private async Task ServeAsync(WebSocket socket, int number)
        {
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                        _closed.Writer.TryWrite(number);
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or HttpListenerException or ObjectDisposedException or IOException)
            {
                // The client went away without a close, or the server stopped.
                _closed.Writer.TryWrite(number);
            }
        }
    }
}
