using Protocol.PocketOption.Login;
using Protocol.PocketOption.Tests.Session;
using Protocol.PocketOption.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Scripts;

namespace Protocol.PocketOption.Tests.Login;

// The login of pocketoption.md §1.2 on the test kit: frames as the platform sends them.
public sealed class LoginTests
{
    [Fact]
    public async Task One_step_successauth_is_Ready_after_the_burst()
    {
        await using var h = new PocketHarness();
        await h.LoginAsync();
        h.Client.ConnectionState.ShouldBe(ConnectionState.Ready);
    }

    [Fact]
    public async Task Two_step_successauth_is_Ready_after_the_burst()
    {
        await using var h = new PocketHarness();
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        await ScriptedExchange.Parse($$"""
            {{h.AuthLine}}
            < 451-["successauth",{"_placeholder":true,"num":0}]
            < bin: 7b 22 73 65 72 76 65 72 4e 61 6d 65 22 3a 22 65 75 22 7d
            {{PocketHarness.Burst}}
            """).RunAsync(connection);
        await h.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet();
    }

    [Theory]
    [InlineData("""42["NotAuthorized"]""")]
    [InlineData("""42["notAuthorized"]""")]
    [InlineData("""42["auth_error"]""")]
    public async Task A_rejection_is_terminal_reported_at_once_and_never_retried(string rejection)
    {
        await using var h = new PocketHarness();
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        await ScriptedExchange.Parse($$"""
            {{h.AuthLine}}
            < {{rejection}}
            """).RunAsync(connection);

        // The platform follows with 41; the client, having read the rejection, may already have closed the connection.
        connection.TryPushText("41");

        // No clock advance: the rejection is known now, not after a login timeout.
        var error = await Should.ThrowAsync<LoginRejectedException>(h.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).WithSafetyNet());
        error.Reason.ShouldBe(PocketOptionLogin.NotAuthorizedReason);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Closed);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        h.Transport.Connections.Count.ShouldBe(1, "a rejected session is never retried");
    }

    [Fact]
    public async Task A_namespace_disconnect_before_successauth_is_a_terminal_rejection()
    {
        await using var h = new PocketHarness();
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        await ScriptedExchange.Parse($$"""
            {{h.AuthLine}}
            < 41
            """).RunAsync(connection);

        var error = await Should.ThrowAsync<LoginRejectedException>(h.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).WithSafetyNet());
        error.Reason.ShouldBe(PocketOptionLogin.DisconnectedReason);
        h.Transport.Connections.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(DisconnectReason.TransportError)]
    [InlineData(DisconnectReason.ClosedByServer)]
    public async Task A_transport_close_during_the_login_is_retried_with_backoff(DisconnectReason reason)
    {
        await using var h = new PocketHarness();
        await h.Client.ConnectAsync();
        var first = await h.Transport.NextConnectionAsync();
        await ScriptedExchange.Parse(h.AuthLine).RunAsync(first);
        first.Drop(reason, "connection reset");

        // Retried after the runner's backoff, and logged in.
        await h.AdvanceThroughBackoffAsync();
        var connection = await h.Transport.NextConnectionAsync();
        await ScriptedExchange.Parse($$"""
            {{h.AuthLine}}
            < 42["successauth",{"id":"sock-2"}]
            {{PocketHarness.Burst}}
            """).RunAsync(connection);
        await h.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(5)).WithSafetyNet();
        h.Client.TerminalError.ShouldBeNull();
    }

    [Fact]
    public async Task The_keep_alive_goes_out_every_20_seconds_while_Ready()
    {
        await using var h = new PocketHarness();
        var connection = await h.LoginAsync();
        var sentAtReady = connection.Sent.Count;

        h.Clock.Advance(TimeSpan.FromSeconds(19));
        connection.Sent.Count.ShouldBe(sentAtReady, "nothing before 20 s");
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await ScriptedExchange.Parse("""> 42["ps"]""").RunAsync(connection);
        h.Clock.Advance(TimeSpan.FromSeconds(20));
        await ScriptedExchange.Parse("""> 42["ps"]""").RunAsync(connection);
    }

    [Fact]
    public async Task Secrets_of_a_real_ssid_reach_no_log_and_no_exception_message_when_rejected()
    {
        await using var h = new PocketHarness(SsidSamples.RealFrame(withHash: true));
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        await ScriptedExchange.Parse($$"""
            {{h.AuthLine}}
            < 42["NotAuthorized"]
            """).RunAsync(connection);

        // The platform follows with 41, which may find the connection already closed by the client (it read the rejection
        // on another thread): a scripted '< 41' then failed the test under load.
        connection.TryPushText("41");
        var error = await Should.ThrowAsync<LoginRejectedException>(h.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)).WithSafetyNet());

        // Disposed first, so every line the client logs about this session, the teardown's included, is checked.
        await h.Client.DisposeAsync().WithSafetyNet();
        var printed = h.Logs.All.Select(e => e.Message + " " + e.Exception).Append(error.ToString()).Append(h.Ssid.ToString()).ToList();
        printed.Count.ShouldBeGreaterThan(2);
        foreach (var secret in SsidSamples.Secrets)
        {
            printed.ShouldAllBe(text => !text.Contains(secret, StringComparison.Ordinal), $"'{secret}' was printed");
        }
    }

    [Fact]
    public async Task Secrets_of_a_demo_ssid_reach_no_log_on_an_accepted_login_and_a_reconnect()
    {
        await using var h = new PocketHarness();
        var connection = await h.LoginAsync();
        connection.Drop(DisconnectReason.TransportError, "reset");
        await h.AdvanceThroughBackoffAsync();
        await ScriptedExchange.Parse(h.AuthLine).RunAsync(await h.Transport.NextConnectionAsync());

        var printed = h.Logs.All.Select(e => e.Message + " " + e.Exception).ToList();
        printed.ShouldNotBeEmpty();
        foreach (var secret in SsidSamples.Secrets)
        {
            printed.ShouldAllBe(text => !text.Contains(secret, StringComparison.Ordinal), $"'{secret}' was printed");
        }
    }
}
