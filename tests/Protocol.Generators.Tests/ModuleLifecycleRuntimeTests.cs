using Protocol.Generators.Tests.Fixtures;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Time;

namespace Protocol.Generators.Tests;

/// <summary>
/// The generated SessionModule (Fixtures/SessionModule.cs): a module declared with [ModuleOnReady] and [ModulePeriodic] only,
/// registered by its AddSessionModule(), on a fake connection and a fake clock.
/// </summary>
public sealed class ModuleLifecycleRuntimeTests : IAsyncDisposable
{
    private const string GetBalance = """42["getBalance"]""";
    private const string Ps = """42["ps"]""";

    private readonly SessionState _state = new();
    private readonly TimerCountingTimeProvider _time = new();
    private readonly FakeTransport _transport = new(FakeEnvelope.SocketIO);
    private readonly Client<SessionState> _client;
    private readonly StateRecorder<SessionState> _states;
    private readonly List<string[]> _sentWhenReady = [];

    public ModuleLifecycleRuntimeTests()
    {
        _client = new ClientBuilder<SessionState>(_state)
            .UseConnection(_transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://po.example/socket.io/?EIO=4&transport=websocket", "primary"))
            .UseTimeProvider(_time)
            .UseRandom(new Random(7))
            .Configure(o =>
            {
                o.Reconnect.Base = TimeSpan.FromSeconds(90);
                o.Reconnect.Jitter = 0;
            })
            .AddSessionModule()
            .Build();
        _states = new StateRecorder<SessionState>(_client);

        // Taken as the runner announces Ready: what the hook sent must already be on the wire.
        _client.StateChanged += (_, e) =>
        {
            if (e.Current == ConnectionState.Ready)
            {
                lock (_sentWhenReady)
                {
                    _sentWhenReady.Add([.. _transport.Current!.Sent.Select(s => s.Text)]);
                }
            }
        };
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task The_declared_on_Ready_hook_runs_before_Ready_on_the_first_session_and_again_on_the_session_after_a_reconnect()
    {
        await _client.ConnectAsync();
        var first = await _transport.NextConnectionAsync();
        await _states.NextAsync(ConnectionState.Ready);
        _state.Hooks.ShouldBe([(1L, false)]);

        first.Drop();
        _time.Advance((await _states.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await _transport.NextConnectionAsync();
        await _states.NextAsync(ConnectionState.Ready);

        _state.Hooks.ShouldBe([(1L, false), (2L, true)]);
        lock (_sentWhenReady)
        {
            _sentWhenReady.ShouldBe([[GetBalance], [GetBalance]]);
        }

        second.Number.ShouldBe(2);
    }

    [Fact]
    public async Task The_declared_keep_alive_goes_out_at_20_seconds_of_fake_time_while_Ready_and_never_while_disconnected()
    {
        await _client.ConnectAsync();
        var first = await _transport.NextConnectionAsync();
        await _states.NextAsync(ConnectionState.Ready);
        await _time.WaitForActiveTimersAsync(1);

        _time.Advance(TimeSpan.FromSeconds(19));
        first.Sent.Select(s => s.Text).ShouldBe([GetBalance], "nothing before the period");
        _time.Advance(TimeSpan.FromSeconds(1));
        (await first.NextSentAsync()).Text.ShouldBe(GetBalance);
        (await first.NextSentAsync()).Text.ShouldBe(Ps);

        // Disconnected: the keep-alive's timer went with the session; the only armed timer is the reconnect delay.
        first.Drop();
        var reconnecting = await _states.NextAsync(ConnectionState.Reconnecting);

        // The session is torn down after Reconnecting is announced, its close bounded by a timer of its own: counted once done.
        await first.Disposed.WithSafetyNet();
        _time.ActiveTimerCount.ShouldBe(1, "only the backoff delay");
        _time.Advance(TimeSpan.FromSeconds(60));
        first.Sent.Select(s => s.Text).ShouldBe([GetBalance, Ps]);

        // The next session's keep-alive counts from its own Ready.
        _time.Advance(reconnecting.Delay - TimeSpan.FromSeconds(60));
        var second = await _transport.NextConnectionAsync();
        await _states.NextAsync(ConnectionState.Ready);
        await _time.WaitForActiveTimersAsync(1);
        _time.Advance(TimeSpan.FromSeconds(20));
        (await second.NextSentAsync()).Text.ShouldBe(GetBalance);
        (await second.NextSentAsync()).Text.ShouldBe(Ps);
        first.Sent.Count.ShouldBe(2);
    }
}
