using Protocol.Connections;
using Protocol.Core.Tests.Support;
using Protocol.Messaging;
using Protocol.Testing.Clients;
using Protocol.Testing.Logging;
using Protocol.Runner;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Microsoft.Extensions.Time.Testing;

namespace Protocol.Core.Tests.Runner;

// The PocketOption shape (pocketoption.md §1.2): the server acknowledges the namespace (CONNECT), the client answers
// with 42["auth",{…}], Ready is 42["successauth",…] (one- or two-step), and 42["NotAuthorized"] is a terminal rejection.
public sealed class SocketIoStyleLoginTests
{
    [Fact]
    public async Task The_login_replies_to_the_namespace_connect_and_accepts_on_successauth()
    {
        var (client, transport, states) = Build();
        await using var _ = client;
        await client.ConnectAsync();
        var connection = await transport.NextConnectionAsync();
        await states.NextAsync(ConnectionState.Connected);
        connection.Sent.ShouldBeEmpty();

        connection.PushText("""40{"sid":"abc"}""");
        (await connection.NextSentAsync()).Text.ShouldBe(SocketIoLogin.Auth);
        client.ConnectionState.ShouldBe(ConnectionState.Connected);

        // Two-step form: the header names the event, the attachment carries the JSON.
        connection.PushText("""451-["successauth",{"_placeholder":true,"num":0}]""");
        client.ConnectionState.ShouldBe(ConnectionState.Connected);
        connection.PushBinary("""{"serverName":"real-1"}"""u8);
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet();
    }

    [Fact]
    public async Task NotAuthorized_is_a_terminal_rejection()
    {
        var (client, transport, states) = Build();
        await using var _ = client;
        await client.ConnectAsync();
        var connection = await transport.NextConnectionAsync();
        connection.PushText("""40{"sid":"abc"}""");
        await connection.NextSentAsync();
        connection.PushText("""42["NotAuthorized"]""");

        (await Should.ThrowAsync<LoginRejectedException>(() => client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet())).Reason.ShouldBe("NotAuthorized: the session (SSID) is invalid or expired");
        await states.NextAsync(ConnectionState.Closed);
        transport.Connections.Count.ShouldBe(1);
    }

    private static (Client<TestState> Client, FakeTransport Transport, StateRecorder<TestState> States) Build()
    {
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        var client = new ClientBuilder<TestState>(new TestState())
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://po.example/socket.io/?EIO=4&transport=websocket"))
            .UseTimeProvider(new FakeTimeProvider())
            .UseLogin(new SocketIoLogin())
            .Build();
        return (client, transport, new StateRecorder<TestState>(client));
    }

    private sealed class SocketIoLogin : IPlatformLogin<TestState>
    {
        public const string Auth = """42["auth",{"session":"s3cr3t","isDemo":1,"uid":1,"platform":2}]""";

        public ValueTask StartAsync(LoginContext<TestState> context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public LoginDecision OnMessage(MessageView message, LoginContext<TestState> context) => message.Kind switch
        {
            MessageKind.Connect => LoginDecision.Send(OutgoingMessage.Text(Auth)),
            MessageKind.Event when message.Name.SequenceEqual("successauth"u8) => LoginDecision.Accept(),
            MessageKind.Event when message.Name.SequenceEqual("NotAuthorized"u8) => LoginDecision.Reject("NotAuthorized: the session (SSID) is invalid or expired"),
            MessageKind.Disconnect => LoginDecision.Reject("the server closed the namespace during the login"),
            _ => LoginDecision.Pending,
        };
    }
}
