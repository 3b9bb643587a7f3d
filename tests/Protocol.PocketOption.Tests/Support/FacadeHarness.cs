using Microsoft.Extensions.Time.Testing;
using Protocol.PocketOption.Tests.Session;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Logging;
using Protocol.Testing.Scripts;

namespace Protocol.PocketOption.Tests.Support;

// The PocketOptionClient facade on the test kit's fake Socket.IO transport and a fake clock.
internal sealed class FacadeHarness : IAsyncDisposable
{
    public FacadeHarness(string? ssid = null)
    {
        Client = PocketOptionClient.Create(ssid ?? SsidSamples.DemoFrame, new PocketOptionOptions
        {
            Endpoint = new Uri("ws://127.0.0.1:9/socket.io/?EIO=4&transport=websocket"),
            Connection = Transport.CreateConnection,
            TimeProvider = Clock,
            LoggerFactory = Logs,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        States = new StateRecorder<PocketOptionState>(Client.Client);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 2, 12, 10, 0, 30, TimeSpan.Zero));

    public FakeTransport Transport { get; } = new(FakeEnvelope.SocketIO);

    public CapturingLoggerFactory Logs { get; } = new();

    public PocketOptionClient Client { get; }

    public StateRecorder<PocketOptionState> States { get; }

    public string AuthLine => "> " + Protocol.PocketOption.Session.Ssid.Parse(SsidSamples.DemoFrame).AuthFrame;

    public async Task<FakeConnection> ConnectAsync()
    {
        var connecting = Client.ConnectAsync();
        var connection = await Transport.NextConnectionAsync();
        await LoginAsync(connection);
        await connecting.WithSafetyNet();
        return connection;
    }

    public async Task LoginAsync(FakeConnection connection, string extra = "")
        => await ScriptedExchange.Parse($$"""
            {{AuthLine}}
            < 42["successauth",{"id":"sock-1"}]
            {{extra}}
            {{PocketHarness.Burst}}
            """).RunAsync(connection);

    public async Task<FakeConnection> ReconnectAsync(FakeConnection connection, string replay)
    {
        connection.Drop(Protocol.DisconnectReason.TransportError, "reset");
        Clock.Advance((await States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var next = await Transport.NextConnectionAsync();
        await LoginAsync(next, replay);
        await Client.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet();
        return next;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Logs.Dispose();
    }
}
