using Microsoft.Extensions.Time.Testing;
using Protocol.Generators.Tests.Fixtures;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;

namespace Protocol.Generators.Tests;

/// <summary>
/// The generated SignedMarketModule (Fixtures/SignedMarketModule.cs) on a fake connection and a fake clock: its start and stop
/// messages take the client's state, so each is built from the session as it is when sent (a token each login sets, a counter).
/// </summary>
public sealed class KeyedStreamStateRuntimeTests : IAsyncDisposable
{
    private readonly SignedMarketState _state = new();
    private readonly FakeTimeProvider _time = new();
    private readonly FakeTransport _transport = new(FakeEnvelope.SocketIO);
    private readonly Client<SignedMarketState> _client;
    private readonly StateRecorder<SignedMarketState> _states;

    public KeyedStreamStateRuntimeTests()
    {
        _client = new ClientBuilder<SignedMarketState>(_state)
            .UseConnection(_transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://signed.example/socket.io/?EIO=4&transport=websocket", "primary"))
            .UseTimeProvider(_time)
            .UseRandom(new Random(7))
            .UseLogin(new TokenLogin())
            .AddSignedMarketModule()
            .Build();
        _states = new StateRecorder<SignedMarketState>(_client);
    }

    private SignedMarketApi Market => _client.GetApi<SignedMarketApi>();

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task A_start_message_that_takes_the_state_carries_the_sessions_token_and_the_next_number_and_is_rebuilt_from_the_new_session_after_a_reconnect()
    {
        await _client.ConnectAsync();
        var first = await LoginAsync(expectedToken: "token-1");

        var ticks = await Market.SubscribeTicksAsync("EURUSD_otc").WithSafetyNet();
        (await first.NextSentAsync().WithSafetyNet()).Text.ShouldBe("""42["subscribeTicks",{"asset":"EURUSD_otc","token":"token-1","ns":1}]""");

        // Taken as the runner announces Ready: the replay, built from the state the new login left, must already be on the wire.
        var sentWhenReady = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.StateChanged += (_, e) =>
        {
            if (e.Current == ConnectionState.Ready)
            {
                sentWhenReady.TrySetResult([.. _transport.Current!.Sent.Select(s => s.Text)]);
            }
        };
        first.Drop();
        _time.Advance((await _states.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await LoginAsync(expectedToken: "token-2");
        (await sentWhenReady.Task.WithSafetyNet()).ShouldBe([
            Auth("token-2"),
            """42["subscribeTicks",{"asset":"EURUSD_otc","token":"token-2","ns":2}]""",
        ]);

        // The stop is built from the state too, when the last subscriber leaves.
        await ticks.DisposeAsync();
        (await second.NextSentAsync().WithSafetyNet()).Text.ShouldBe("""42["subscribeTicks",{"asset":"EURUSD_otc","token":"token-2","ns":2}]""");
        (await second.NextSentAsync().WithSafetyNet()).Text.ShouldBe("""42["unsubscribeTicks",{"asset":"EURUSD_otc","token":"token-2","ns":3}]""");
        first.Sent.Count.ShouldBe(2);
    }

    private static string Auth(string token) => $$"""42["auth",{"session":"{{token}}","isDemo":0,"uid":1,"platform":0}]""";

    // The login sends auth with a fresh token (the new session's), then waits for the server's successauth.
    private async Task<FakeConnection> LoginAsync(string expectedToken)
    {
        var connection = await _transport.NextConnectionAsync().WithSafetyNet();
        (await connection.NextSentAsync().WithSafetyNet()).Text.ShouldBe(Auth(expectedToken));
        connection.Push(MessageKind.Event, "successauth", """["successauth",{}]""");
        await _states.NextAsync(ConnectionState.Ready);
        return connection;
    }

    private sealed class TokenLogin : IPlatformLogin<SignedMarketState>
    {
        private int _sessions;

        public async ValueTask StartAsync(LoginContext<SignedMarketState> context, CancellationToken cancellationToken)
        {
            context.State.Token = "token-" + Interlocked.Increment(ref _sessions);
            await context.SendAsync(new AuthMessage { Session = context.State.Token, Uid = 1 }, cancellationToken);
        }

        public LoginDecision OnMessage(MessageView message, LoginContext<SignedMarketState> context)
            => message.Name.SequenceEqual("successauth"u8) ? LoginDecision.Accept() : LoginDecision.Pending;
    }
}
