using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Protocol.Core.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Clients;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Scripts;

namespace Protocol.Core.Tests.Runner;

// The PocketOption shape (pocketoption.md §1.2) as the runtime sees it over the real Socket.IO transport: the transport
// has joined the namespace (it consumes the server's 40{"sid":…} before the login starts), so the login sends
// 42["auth",{…}] from StartAsync; Ready is successauth (one- or two-step); NotAuthorized, a namespace DISCONNECT (41) or
// the server closing the connection during the login are terminal rejections. The runtime knows no Socket.IO: the 41
// reaches the login as the session ending (OnClosed, ClosedByServer), before the session is torn down.
public sealed class SocketIoStyleLoginTests
{
    [Fact]
    public async Task The_login_sends_auth_from_start_and_accepts_on_a_two_step_successauth()
    {
        var (client, _, _, connection) = await StartLoginAsync();
        await using var _client = client;
        await ScriptedExchange.Parse("""
            > 42["auth",{"session":"s3cr3t","isDemo":1,"uid":1,"platform":2}]
            < 451-["successauth",{"_placeholder":true,"num":0}]
            < b64:eyJzZXJ2ZXJOYW1lIjoicmVhbC0xIn0=
            """).RunAsync(connection);
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet();
    }

    [Fact]
    public async Task NotAuthorized_is_a_terminal_rejection()
    {
        var (client, transport, states, connection) = await StartLoginAsync();
        await using var _client = client;
        await ScriptedExchange.Parse("""
            > 42["auth",{"session":"s3cr3t","isDemo":1,"uid":1,"platform":2}]
            < 42["NotAuthorized"]
            """).RunAsync(connection);

        (await Should.ThrowAsync<LoginRejectedException>(() => client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet())).Reason.ShouldBe("NotAuthorized: the session (SSID) is invalid or expired");
        await states.NextAsync(ConnectionState.Closed);
        transport.Connections.Count.ShouldBe(1);
        connection.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public async Task A_namespace_disconnect_alone_during_the_login_reaches_the_login_and_is_a_terminal_rejection()
    {
        var (client, transport, states, connection) = await StartLoginAsync();
        await using var _client = client;
        await ScriptedExchange.Parse("""
            > 42["auth",{"session":"s3cr3t","isDemo":1,"uid":1,"platform":2}]
            < 41
            """).RunAsync(connection);

        (await Should.ThrowAsync<LoginRejectedException>(() => client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet())).Reason
            .ShouldBe("the server closed the connection during the login (ClosedByServer: The server disconnected namespace '/' and no namespace is left, so the session was closed (as the reference client does).)");
        await states.NextAsync(ConnectionState.Closed);
        states.All.ShouldNotContain(e => e.Current == ConnectionState.Reconnecting);
        transport.Connections.Count.ShouldBe(1);
        connection.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public async Task A_close_during_the_login_is_shown_to_the_login_which_may_call_it_a_terminal_rejection()
    {
        var (client, transport, states, connection) = await StartLoginAsync();
        await using var _client = client;
        (await connection.NextSentAsync()).Text.ShouldBe(SocketIoLogin.Auth);
        connection.Drop(DisconnectReason.ClosedByServer, "io server disconnect");

        // At once: no clock advance, no backoff, no second attempt.
        var error = await Should.ThrowAsync<LoginRejectedException>(() => client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet());
        error.Reason.ShouldBe("the server closed the connection during the login (ClosedByServer: io server disconnect)");
        await states.NextAsync(ConnectionState.Closed);
        states.All.ShouldNotContain(e => e.Current == ConnectionState.Reconnecting);
        transport.Connections.Count.ShouldBe(1);
        client.TerminalError.ShouldBeSameAs(error);
    }

    [Fact]
    public async Task A_close_during_the_login_is_a_failed_attempt_when_the_login_does_not_reject_it()
    {
        var (client, _, states, connection) = await StartLoginAsync(rejectOnClose: false);
        await using var _client = client;
        (await connection.NextSentAsync()).Text.ShouldBe(SocketIoLogin.Auth);
        connection.Drop(DisconnectReason.TransportError, "reset");

        var reconnecting = await states.NextAsync(ConnectionState.Reconnecting);
        reconnecting.Error!.Message.ShouldContain("closed during the login");
        client.TerminalError.ShouldBeNull();
    }

    // A client on the Socket.IO fake envelope, connected, with the login started (its auth frame not yet taken).
    private static async Task<(Client<TestState> Client, FakeTransport Transport, StateRecorder<TestState> States, FakeConnection Connection)> StartLoginAsync(bool rejectOnClose = true)
    {
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        var client = new ClientBuilder<TestState>(new TestState())
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://po.example/socket.io/?EIO=4&transport=websocket"))
            .UseTimeProvider(new FakeTimeProvider())
            .UseLogin(new SocketIoLogin(rejectOnClose))
            .Build();
        var states = new StateRecorder<TestState>(client);
        await client.ConnectAsync();
        return (client, transport, states, await transport.NextConnectionAsync());
    }

    private sealed class SocketIoLogin(bool rejectOnClose) : IPlatformLogin<TestState>
    {
        public const string Auth = """42["auth",{"session":"s3cr3t","isDemo":1,"uid":1,"platform":2}]""";

        // The auth frame as a generated message would send it: through LoginContext.SendAsync<TMessage>.
        public ValueTask StartAsync(LoginContext<TestState> context, CancellationToken cancellationToken)
            => context.SendAsync(new AuthMessage("s3cr3t", 1, 1, 2), cancellationToken);

        public LoginDecision OnMessage(MessageView message, LoginContext<TestState> context) => message.Kind switch
        {
            MessageKind.Event when message.Name.SequenceEqual("successauth"u8) => LoginDecision.Accept(),
            MessageKind.Event when message.Name.SequenceEqual("NotAuthorized"u8) => LoginDecision.Reject("NotAuthorized: the session (SSID) is invalid or expired"),
            _ => LoginDecision.Pending,
        };

        public LoginDecision OnClosed(DisconnectInfo info, LoginContext<TestState> context)
            => rejectOnClose ? LoginDecision.Reject($"the server closed the connection during the login ({info.Reason}: {info.Description})") : LoginDecision.Pending;
    }

    // A hand-written stand-in for a generated [ProtocolMessage("auth")] type on a Socket.IO platform.
    private readonly struct AuthMessage(string session, int isDemo, int uid, int platform) : IOutgoingMessage
    {
        public string MessageName => "auth";

        public void WriteJson(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("session", session);
            writer.WriteNumber("isDemo", isDemo);
            writer.WriteNumber("uid", uid);
            writer.WriteNumber("platform", platform);
            writer.WriteEndObject();
        }

        public void WriteEnvelope(IBufferWriter<byte> output)
        {
            output.Write("42"u8);
            using var writer = new Utf8JsonWriter(output);
            writer.WriteStartArray();
            writer.WriteStringValue(MessageName);
            WriteJson(writer);
            writer.WriteEndArray();
        }
    }
}
