using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Protocol.PocketOption.Session;
using Protocol.PocketOption.Tests.Session;
using Protocol.PocketOption.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Logging;
using Protocol.Testing.Scripts;

namespace Protocol.PocketOption.Tests.Connection;

// Which PocketOption region the client connects to: the fastest handshake by default, the preferred one when named. The
// regions are injected on 127.0.0.1 and the transport is the test kit's fake: no real PocketOption host is ever contacted.
public sealed class RegionChoiceTests
{
    private static readonly Region[] Regions =
    [
        new("FAR", "ws://127.0.0.1:1/socket.io/?EIO=4&transport=websocket", 0, 0, IsDemo: true),
        new("NEAR", "ws://127.0.0.1:2/socket.io/?EIO=4&transport=websocket", 0, 0, IsDemo: true),
        new("REAL", "ws://127.0.0.1:3/socket.io/?EIO=4&transport=websocket", 0, 0, IsDemo: false),
    ];

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 2, 12, 10, 0, 30, TimeSpan.Zero));
    private readonly FakeTransport _transport = new(FakeEnvelope.SocketIO);
    private readonly CapturingLoggerFactory _logs = new();
    private readonly Channel<string> _started = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, int> _handshakes = new();

    [Fact]
    public async Task The_demo_regions_are_probed_and_the_fastest_one_is_connected_to()
    {
        // FAR never answers its probe; NEAR answers its probe after 10 ms and its session at once.
        _transport.OnConnect = async (endpoint, ct) =>
        {
            var count = _handshakes.AddOrUpdate(endpoint.Name, 1, (_, n) => n + 1);
            var delay = endpoint.Name == "FAR" ? Timeout.InfiniteTimeSpan : count == 1 ? TimeSpan.FromMilliseconds(10) : TimeSpan.Zero;
            var wait = Task.Delay(delay, _clock, ct);
            _started.Writer.TryWrite(endpoint.Name);
            await wait;
        };
        await using var client = Create(new PocketOptionOptions { Regions = Regions, RegionProbeTimeout = TimeSpan.FromSeconds(2) });
        var connecting = client.ConnectAsync();

        string[] probed = [await NextStartedAsync(), await NextStartedAsync()];
        probed.Order(StringComparer.Ordinal).ShouldBe(["FAR", "NEAR"]);   // both demo regions at once; the real one never
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        var probe = await _transport.NextConnectionAsync();
        probe.Endpoint!.Name.ShouldBe("NEAR");

        // Measured and closed before FAR's probe times out: moving the clock earlier would time NEAR's probe out as well.
        await probe.Closed.WithSafetyNet();
        _clock.Advance(TimeSpan.FromSeconds(2));

        var session = await _transport.NextConnectionAsync();
        session.Endpoint!.Name.ShouldBe("NEAR");
        await LoginAsync(session);
        await connecting.WithSafetyNet();

        client.Client.EndpointOrder.Select(e => e.Endpoint.Name).ShouldBe(["NEAR", "FAR"]);
        client.Client.EndpointOrder.Select(e => e.IsReachable).ShouldBe([true, false]);
        _handshakes.ContainsKey("REAL").ShouldBeFalse();
        session.Endpoint.Headers.ShouldContain(h => h.Key == "Origin");
        _logs.All.ShouldContain(e => e.EventId.Id == 71 && e.Message.Contains("NEAR ", StringComparison.Ordinal) && e.Message.Contains("FAR unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_preferred_region_is_connected_to_first_without_probing()
    {
        await using var client = Create(new PocketOptionOptions { Regions = Regions, PreferredRegion = "NEAR" });
        var connecting = client.ConnectAsync();
        var session = await _transport.NextConnectionAsync();
        await LoginAsync(session);
        await connecting.WithSafetyNet();

        session.Endpoint!.Name.ShouldBe("NEAR");
        _transport.Connections.Count.ShouldBe(1);
        client.Client.EndpointOrder.Select(e => e.Endpoint.Name).ShouldBe(["NEAR", "FAR"]);
    }

    [Fact]
    public async Task An_explicit_endpoint_is_never_probed()
    {
        await using var h = new FacadeHarness();
        await h.ConnectAsync();

        h.Transport.Connections.Count.ShouldBe(1);
        h.Client.Client.EndpointOrder.Single().Probed.ShouldBeFalse();
    }

    [Fact]
    public void A_preferred_region_of_the_wrong_kind_is_refused_with_the_regions_of_the_ssids_kind()
    {
        var error = Should.Throw<ArgumentException>(() => Create(new PocketOptionOptions { Regions = Regions, PreferredRegion = "REAL" }));
        error.Message.ShouldContain("'REAL' is not a demo region");
        error.Message.ShouldContain("FAR, NEAR");
        error.Message.ShouldNotContain(SsidSamples.DemoToken);
    }

    [Fact]
    public void The_generated_regions_are_used_by_default_and_split_by_the_ssids_kind()
    {
        var demo = Protocol.PocketOption.Connection.PocketOptionEndpoints.For(Ssid.Parse(SsidSamples.DemoFrame), new PocketOptionOptions());
        demo.Select(e => e.Name).ShouldBe(Protocol.PocketOption.Connection.PocketOptionRegions.DemoRegions.Select(r => r.Name));
        demo.ShouldNotBeEmpty();
    }

    private PocketOptionClient Create(PocketOptionOptions options)
    {
        options.Connection = _transport.CreateConnection;
        options.TimeProvider = _clock;
        options.LoggerFactory = _logs;
        return PocketOptionClient.Create(SsidSamples.DemoFrame, options);
    }

    private async Task<string> NextStartedAsync() => await _started.Reader.ReadAsync().AsTask().WithSafetyNet();

    private static async Task LoginAsync(FakeConnection connection)
        => await ScriptedExchange.Parse($$"""
            > {{Ssid.Parse(SsidSamples.DemoFrame).AuthFrame}}
            < 42["successauth",{"id":"sock-1"}]
            {{PocketHarness.Burst}}
            """).RunAsync(connection);
}
