using System.Collections.Concurrent;
using Protocol.Interop.Tests.Fixture;
using Protocol.SocketIO;
using Protocol.Testing;

namespace Protocol.Interop.Tests;

/// <summary>
/// The PocketOption-style login over the real Socket.IO transport and the real socket.io server: auth is sent from
/// StartAsync (the transport has already consumed the namespace CONNECT), on-Ready hooks run before Ready, a periodic
/// send lands while Ready, and a bad session is a terminal rejection after exactly one connection attempt.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class LoginLifecycleInteropTests(PeerServerFixture peer)
{
    // The client's own waits are longer than the safety net, so the net is what fails a hang, in real seconds.
    private static readonly TimeSpan ClientWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RealLimit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_good_session_reaches_ready_after_the_on_ready_hook_and_the_keep_alive_reaches_the_server()
    {
        var order = new ConcurrentQueue<string>();
        var keepAliveSeen = new TaskCompletionSource<ConnectionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        Client<object>? current = null;
        var (client, attempts) = Build("good-session", b => b
            .OnReady("burst", (ctx, _) =>
            {
                order.Enqueue($"hook:{ctx.SessionNumber}:{current!.ConnectionState}");
                return ValueTask.CompletedTask;
            })
            .Every("ps", TimeSpan.FromMilliseconds(200), _ => OutgoingMessage.Text("42[\"ps\"]"u8.ToArray()))
            .AddLightweightHandler("ps-seen", (message, _) =>
            {
                if (message.Name.SequenceEqual("ps-seen"u8))
                {
                    keepAliveSeen.TrySetResult(current!.ConnectionState);
                }
            }));
        current = client;
        await using var _client = client;
        client.StateChanged += (_, e) => order.Enqueue(e.Current.ToString());

        await client.ConnectAsync();
        await client.WaitUntilReadyAsync(ClientWait).WithSafetyNet(RealLimit);
        order.ShouldBe(["Connecting", "Connected", "hook:1:Connected", "Ready"]);

        (await keepAliveSeen.Task.WithSafetyNet(RealLimit)).ShouldBe(ConnectionState.Ready);
        attempts().ShouldBe(1);
        client.TerminalError.ShouldBeNull();
    }

    [Theory]
    [InlineData("bad-session", "NotAuthorized")]
    [InlineData("silent-bad-session", "the server")]
    public async Task A_bad_session_is_a_terminal_rejection_after_one_connection_attempt(string session, string reasonStart)
    {
        var (client, attempts) = Build(session, b => b.Configure(o => o.Reconnect.Base = TimeSpan.FromMilliseconds(50)));
        await using var _client = client;
        await client.ConnectAsync();

        var error = await Should.ThrowAsync<LoginRejectedException>(() => client.WaitUntilReadyAsync(ClientWait).WithSafetyNet(RealLimit));
        error.Reason.ShouldStartWith(reasonStart);
        error.Message.ShouldNotContain(session);
        client.ConnectionState.ShouldBe(ConnectionState.Closed);
        client.TerminalError.ShouldBeSameAs(error);
        attempts().ShouldBe(1);
    }

    private (Client<object> Client, Func<int> Attempts) Build(string session, Func<ClientBuilder<object>, ClientBuilder<object>> configure)
    {
        var attempts = 0;
        var factory = SocketIOTransportConnection.Factory(o => o.ConnectTimeout = TimeSpan.FromSeconds(10));
        var builder = new ClientBuilder<object>(new object())
            .UseConnection(() =>
            {
                Interlocked.Increment(ref attempts);
                return factory();
            })
            .AddEndpoint(new ConnectionEndpoint(new UriBuilder(peer.Server.Uri) { Scheme = "ws" }.Uri, "peer"))
            .UseLogin(new PocketStyleLogin(session));
        return (configure(builder).Build(), () => Volatile.Read(ref attempts));
    }

    /// <summary>
    /// The PocketOption login shape: auth from StartAsync; successauth accepts; NotAuthorized rejects; a 41 or a close
    /// reaches OnClosed (the runtime knows no Socket.IO: the transport reports the server leaving the last namespace as
    /// the session ending) and rejects.
    /// </summary>
    private sealed class PocketStyleLogin(string session) : IPlatformLogin<object>
    {
        public ValueTask StartAsync(LoginContext<object> context, CancellationToken cancellationToken)
            => context.SendAsync(OutgoingMessage.Text($$"""42["auth",{"session":"{{session}}","isDemo":1,"uid":1,"platform":2}]"""), cancellationToken);

        public LoginDecision OnMessage(MessageView message, LoginContext<object> context) => message.Kind switch
        {
            MessageKind.Event when message.Name.SequenceEqual("successauth"u8) => LoginDecision.Accept(),
            MessageKind.Event when message.Name.SequenceEqual("NotAuthorized"u8) => LoginDecision.Reject("NotAuthorized: the session is invalid or expired"),
            _ => LoginDecision.Pending,
        };

        public LoginDecision OnClosed(DisconnectInfo info, LoginContext<object> context)
            => LoginDecision.Reject($"the server closed the connection during the login ({info.Reason})");
    }
}
