using Protocol.Testing.Clients;
using Protocol.Testing.Logging;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Microsoft.Extensions.Time.Testing;
using Protocol.Testing.Time;

namespace Protocol.Core.Tests.Support;

// A client on a fake clock and a fake transport, with the test login and the ping module.
public sealed class Harness : IAsyncDisposable
{
    public Harness(Action<ClientBuilder<TestState>>? configure = null, bool login = true, Random? random = null)
    {
        var builder = new ClientBuilder<TestState>(new TestState())
            .UseConnection(Transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://primary.example/ws", "primary"))
            .UseTimeProvider(Time)
            .UseLoggerFactory(Logs)
            .UseRandom(random ?? new Random(42))
            .AddPingModule();
        if (login)
        {
            builder.UseLogin(new TestLogin());
        }

        configure?.Invoke(builder);
        Client = builder.Build();
        States = new StateRecorder<TestState>(Client);
    }

    public TimerCountingTimeProvider Time { get; } = new();

    public FakeTransport Transport { get; } = new(FakeEnvelope.JsonActions());

    public CapturingLoggerFactory Logs { get; } = new();

    public Client<TestState> Client { get; }

    public StateRecorder<TestState> States { get; }

    public PingApi Ping => Client.GetApi<PingApi>();

    // Connects, answers the login, and returns the live connection once the client is Ready.
    public async Task<FakeConnection> ConnectReadyAsync()
    {
        await Client.ConnectAsync();
        return await AcceptNextLoginAsync();
    }

    public async Task<FakeConnection> AcceptNextLoginAsync()
    {
        var connection = await Transport.NextConnectionAsync();
        (await connection.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        connection.PushText("""{"action":"loginOk"}""");
        await States.NextAsync(ConnectionState.Ready);
        return connection;
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
