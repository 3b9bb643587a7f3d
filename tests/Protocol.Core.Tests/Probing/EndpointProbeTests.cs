using Protocol.Core.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Logging;
using Protocol.Testing.Time;

namespace Protocol.Core.Tests.Probing;

// Endpoints ordered by measured handshake latency, on the fake clock: every probe is a handshake through the connection
// factory, the test advances the clock one endpoint at a time and waits for that probe's connection to be disposed.
public sealed class EndpointProbeTests
{
    private static readonly TimeSpan Ms10 = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task Every_endpoint_is_probed_in_parallel_and_the_fastest_is_tried_first()
    {
        await using var h = new ProbeHarness(b => b.OrderEndpointsByLatency(), "a", "b", "c");
        h.Transport.Set("a", TimeSpan.FromMilliseconds(30));
        h.Transport.Set("b", Ms10);
        h.Transport.Set("c", TimeSpan.FromMilliseconds(20));
        await h.Client.ConnectAsync();

        // All three handshakes are in flight before the clock moves: the probes run in parallel.
        (await h.Transport.NextStartedAsync(3)).ShouldBe(["a", "b", "c"]);
        h.Time.Advance(Ms10);
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("b");
        h.Time.Advance(Ms10);
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("c");
        h.Time.Advance(Ms10);
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("a");

        (await h.Transport.NextStartedAsync()).ShouldBe("b");
        h.Time.Advance(Ms10);
        (await h.States.NextAsync(ConnectionState.Ready)).Endpoint!.Name.ShouldBe("b");
        h.Client.EndpointOrder.Select(e => e.ToString()).ShouldBe(["b 10 ms", "c 20 ms", "a 30 ms"]);
        (await h.Logs.WaitForAsync(e => e.EventId.Id == 71)).Message.ShouldBe("Endpoint order by handshake latency: b 10 ms, c 20 ms, a 30 ms");
        h.Transport.Fake.Connections.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Refused_and_timed_out_endpoints_go_last_in_their_declared_order()
    {
        await using var h = new ProbeHarness(b => b.OrderEndpointsByLatency(TimeSpan.FromSeconds(1)), "refuses", "silent", "fast");
        h.Transport.Set("refuses", ProbeTransport.Handshake.Refuse);
        h.Transport.Set("silent", ProbeTransport.Handshake.NeverAnswer);
        h.Transport.Set("fast", Ms10);
        await h.Client.ConnectAsync();

        (await h.Transport.NextStartedAsync(3)).ShouldBe(["fast", "refuses", "silent"]);
        h.Time.Advance(Ms10);
        string[] early = [(await h.Transport.NextDisposedAsync()).Endpoint, (await h.Transport.NextDisposedAsync()).Endpoint];
        early.Order(StringComparer.Ordinal).ShouldBe(["fast", "refuses"]);

        // The silent one holds the order until its probe times out; its connection is disposed all the same.
        h.Transport.TryTakeStarted(out _).ShouldBeFalse();
        h.Time.Advance(TimeSpan.FromSeconds(1) - Ms10);
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("silent");

        (await h.Transport.NextStartedAsync()).ShouldBe("fast");
        h.Time.Advance(Ms10);
        (await h.States.NextAsync(ConnectionState.Ready)).Endpoint!.Name.ShouldBe("fast");
        h.Client.EndpointOrder.Select(e => e.ToString()).ShouldBe(["fast 10 ms", "refuses unreachable", "silent unreachable"]);
        h.Client.EndpointOrder.Select(e => e.IsReachable).ShouldBe([true, false, false]);
    }

    [Fact]
    public async Task A_preferred_endpoint_wins_over_probing_and_nothing_is_probed()
    {
        await using var h = new ProbeHarness(b => b.OrderEndpointsByLatency().PreferEndpoint("c"), "a", "b", "c");
        await h.Client.ConnectAsync();

        (await h.States.NextAsync(ConnectionState.Ready)).Endpoint!.Name.ShouldBe("c");
        h.Transport.Fake.Connections.Select(c => c.Endpoint!.Name).ShouldBe(["c"]);
        h.Client.EndpointOrder.Select(e => e.Endpoint.Name).ShouldBe(["c", "a", "b"]);
        h.Client.EndpointOrder.ShouldAllBe(e => !e.Probed && e.Latency == null);
        h.Logs.All.ShouldContain(e => e.EventId.Id == 72 && e.Message.Contains("preferred endpoint c first"));
    }

    [Fact]
    public async Task Probing_off_keeps_the_declared_order_and_opens_no_extra_connection()
    {
        await using var h = new ProbeHarness(null, "a", "b");
        h.Transport.Set("a", TimeSpan.FromMilliseconds(50));
        h.Transport.Set("b", Ms10);
        await h.Client.ConnectAsync();

        (await h.Transport.NextStartedAsync()).ShouldBe("a");
        h.Time.Advance(TimeSpan.FromMilliseconds(50));
        (await h.States.NextAsync(ConnectionState.Ready)).Endpoint!.Name.ShouldBe("a");
        h.Transport.Fake.Connections.Count.ShouldBe(1);
        h.Client.EndpointOrder.Select(e => e.ToString()).ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task A_plain_reconnect_probes_nothing_but_every_endpoint_failing_in_a_row_probes_again()
    {
        await using var h = new ProbeHarness(b => b.OrderEndpointsByLatency().Configure(o => o.Reconnect.Jitter = 0), "a", "b");
        h.Transport.Set("a", Ms10);
        h.Transport.Set("b", TimeSpan.FromMilliseconds(20));
        await h.Client.ConnectAsync();
        (await h.Transport.NextStartedAsync(2)).ShouldBe(["a", "b"]);
        h.Time.Advance(Ms10);
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("a");
        h.Time.Advance(Ms10);
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("b");
        (await h.Transport.NextStartedAsync()).ShouldBe("a");
        h.Time.Advance(Ms10);
        await h.States.NextAsync(ConnectionState.Ready);

        // A drop: the endpoint that worked is tried again at once, without probing.
        h.Transport.Fake.Current!.Drop();
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("a");
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        (await h.Transport.NextStartedAsync()).ShouldBe("a");
        h.Time.Advance(Ms10);
        (await h.States.NextAsync(ConnectionState.Ready)).Endpoint!.Name.ShouldBe("a");
        h.Transport.Fake.Connections.Count.ShouldBe(4);

        // Both go down, and come back with b now the faster: one round fails on both, the next one measures again.
        h.Transport.Set("a", ProbeTransport.Handshake.Refuse);
        h.Transport.Set("b", ProbeTransport.Handshake.Refuse);
        h.Transport.Fake.Current!.Drop();
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("a");
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        (await h.Transport.NextStartedAsync()).ShouldBe("a");
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("a");
        (await h.Transport.NextStartedAsync()).ShouldBe("b");
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("b");
        var afterAllFailed = await h.States.NextAsync(ConnectionState.Reconnecting);
        h.Transport.Set("a", TimeSpan.FromMilliseconds(30));
        h.Transport.Set("b", Ms10);
        h.Time.Advance(afterAllFailed.Delay);
        (await h.Transport.NextStartedAsync(2)).ShouldBe(["a", "b"]);
        h.Transport.Fake.Connections.Count.ShouldBe(8);
        h.Time.Advance(Ms10);
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("b");
        h.Time.Advance(TimeSpan.FromMilliseconds(20));
        (await h.Transport.NextDisposedAsync()).Endpoint.ShouldBe("a");
        (await h.Transport.NextStartedAsync()).ShouldBe("b");
        h.Time.Advance(Ms10);
        (await h.States.NextAsync(ConnectionState.Ready)).Endpoint!.Name.ShouldBe("b");
        h.Client.EndpointOrder.Select(e => e.Endpoint.Name).ShouldBe(["b", "a"]);
    }

    [Fact]
    public async Task Disconnecting_while_probing_cancels_every_probe_and_connects_nowhere()
    {
        await using var h = new ProbeHarness(b => b.OrderEndpointsByLatency(TimeSpan.FromMinutes(1)), "a", "b");
        h.Transport.Set("a", ProbeTransport.Handshake.NeverAnswer);
        h.Transport.Set("b", ProbeTransport.Handshake.NeverAnswer);
        await h.Client.ConnectAsync();
        (await h.Transport.NextStartedAsync(2)).ShouldBe(["a", "b"]);

        await h.Client.DisconnectAsync().WithSafetyNet();

        string[] disposed = [(await h.Transport.NextDisposedAsync()).Endpoint, (await h.Transport.NextDisposedAsync()).Endpoint];
        disposed.Order(StringComparer.Ordinal).ShouldBe(["a", "b"]);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Disconnected);
        h.Transport.Fake.Connections.Count.ShouldBe(2);
        h.Transport.TryTakeStarted(out _).ShouldBeFalse();
        h.Client.EndpointOrder.ShouldAllBe(e => !e.Probed);
    }

    [Fact]
    public void A_preferred_endpoint_that_names_no_endpoint_is_refused_with_the_names()
    {
        var transport = new ProbeTransport(TimeProvider.System);
        var builder = new ClientBuilder<TestState>(new TestState())
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://a.example/ws", "a"))
            .AddEndpoint(new ConnectionEndpoint("wss://b.example/ws", "b"))
            .PreferEndpoint("europe");

        var error = Should.Throw<InvalidOperationException>(() => builder.Build());
        error.Message.ShouldContain("'europe'");
        error.Message.ShouldContain("(a, b)");
    }

    [Fact]
    public void A_probe_timeout_that_is_not_positive_is_refused()
    {
        var builder = new ClientBuilder<TestState>(new TestState())
            .UseConnection(new ProbeTransport(TimeProvider.System).CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://a.example/ws", "a"))
            .OrderEndpointsByLatency(TimeSpan.Zero);

        Should.Throw<ArgumentOutOfRangeException>(() => builder.Build()).ParamName.ShouldBe("ProbeTimeout");
    }

    // A client without login (Connected is Ready) on the probe transport, one endpoint per name.
    private sealed class ProbeHarness : IAsyncDisposable
    {
        public ProbeHarness(Action<ClientBuilder<TestState>>? configure, params string[] endpoints)
        {
            Transport = new ProbeTransport(Time);
            var builder = new ClientBuilder<TestState>(new TestState())
                .UseConnection(Transport.CreateConnection)
                .UseTimeProvider(Time)
                .UseLoggerFactory(Logs)
                .UseRandom(new Random(7));
            foreach (var name in endpoints)
            {
                builder.AddEndpoint(new ConnectionEndpoint($"wss://user:password@{name}.example/ws?token=secret", name));
            }

            configure?.Invoke(builder);
            Client = builder.Build();
            States = new StateRecorder<TestState>(Client);
        }

        public TimerCountingTimeProvider Time { get; } = new();

        public ProbeTransport Transport { get; }

        public CapturingLoggerFactory Logs { get; } = new();

        public Client<TestState> Client { get; }

        public StateRecorder<TestState> States { get; }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();

            // Names and milliseconds only: never the URI's user info or query.
            Logs.All.ShouldAllBe(e => !e.Message.Contains("password") && !e.Message.Contains("secret"));
        }
    }
}
