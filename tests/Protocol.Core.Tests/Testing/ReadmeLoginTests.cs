using Microsoft.Extensions.Time.Testing;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Testing.Envelopes;
using Protocol.Testing.Scripts;

namespace Protocol.Core.Tests.Testing;

// The README's "Testing your client" example, verbatim: keep the two in step.
public sealed class ReadmeLoginTests
{
    [Fact]
    public async Task Two_step_login_reaches_Ready()
    {
        var clock = new FakeTimeProvider();
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        await using var client = new ClientBuilder<AccountState>(new AccountState())
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://demo.example/socket.io/?EIO=4&transport=websocket"))
            .UseTimeProvider(clock)
            .UseLogin(new AuthLogin())
            .Build();

        await client.ConnectAsync();
        var connection = await transport.NextConnectionAsync();
        await ScriptedExchange.Parse("""
            > 42["auth",{"session":"demo-session","isDemo":1}]
            # successauth arrives two-step: a header with a placeholder, then the attachment
            < 451-["successauth",{"_placeholder":true,"num":0}]
            < b64:eyJ1aWQiOjQyfQ==
            """).RunAsync(connection);

        // The 2 s run on the fake clock; the safety net fails the test in real seconds if Ready never comes.
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(2)).WithSafetyNet();
    }

    // The README's "Login, on-Ready hooks and keep-alives" builder, on the fake transport instead of SocketIOTransportConnection.
    [Fact]
    public async Task The_on_ready_burst_goes_out_before_Ready_and_the_keep_alive_only_while_Ready()
    {
        var clock = new FakeTimeProvider();
        var transport = new FakeTransport(FakeEnvelope.SocketIO);
        var reconnects = 0;
        await using var client = new ClientBuilder<AccountState>(new AccountState())
            .UseConnection(transport.CreateConnection)
            .AddEndpoint(new ConnectionEndpoint("wss://demo.example/socket.io/?EIO=4&transport=websocket"))
            .UseTimeProvider(clock)
            .UseLogin(new AuthLogin())
            .OnReady("burst", async (ctx, ct) =>
            {
                await ctx.SendAsync(OutgoingMessage.Text("42[\"getBalance\"]"), ct);
                if (ctx.IsReconnect) { reconnects++; }
            })
            .Every("ps", TimeSpan.FromSeconds(20), _ => OutgoingMessage.Text("42[\"ps\"]"))
            .Build();

        await client.ConnectAsync();
        var connection = await transport.NextConnectionAsync();
        await ScriptedExchange.Parse("""
            > 42["auth",{"session":"demo-session","isDemo":1}]
            < 451-["successauth",{"_placeholder":true,"num":0}]
            < b64:eyJ1aWQiOjQyfQ==
            > 42["getBalance"]
            """).RunAsync(connection);
        await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(2)).WithSafetyNet();

        clock.Advance(TimeSpan.FromSeconds(20));
        await ScriptedExchange.Parse("""
            > 42["ps"]
            """).RunAsync(connection);
        reconnects.ShouldBe(0);
    }

    public sealed class AccountState;

    public sealed class AuthLogin : IPlatformLogin<AccountState>
    {
        public async ValueTask StartAsync(LoginContext<AccountState> context, CancellationToken cancellationToken)
            => await context.SendAsync(OutgoingMessage.Text("""42["auth",{"session":"demo-session","isDemo":1}]"""), cancellationToken);

        public LoginDecision OnMessage(MessageView message, LoginContext<AccountState> context)
            => message.Name.SequenceEqual("successauth"u8) ? LoginDecision.Accept()
             : message.Name.SequenceEqual("NotAuthorized"u8) ? LoginDecision.Reject("the session is invalid or expired")
             : LoginDecision.Pending;
    }
}
