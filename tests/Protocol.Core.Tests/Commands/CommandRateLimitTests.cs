using Protocol.Core.Tests.Support;
using Protocol.Testing;

namespace Protocol.Core.Tests.Commands;

/// <summary>ClientOptions.CommandRateLimit: commands past the burst wait for a token on the client's clock; control frames never wait.</summary>
public sealed class CommandRateLimitTests
{
    private static Action<ClientBuilder<TestState>> Limit(int burst, int perSecond, int queue, Action<ClientBuilder<TestState>>? more = null) => builder =>
    {
        builder.Configure(o => o.CommandRateLimit = new CommandRateLimitOptions { TokenLimit = burst, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = queue });
        more?.Invoke(builder);
    };

    [Fact]
    public async Task Commands_past_the_burst_wait_for_the_next_token_and_then_go_out_in_order()
    {
        await using var h = new Harness(Limit(burst: 2, perSecond: 1, queue: 10));
        var connection = await h.ConnectReadyAsync();

        var calls = Enumerable.Range(1, 4).Select(i => h.Ping.PingAsync(i, TimeSpan.FromMinutes(1))).ToArray();
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"ping","id":1}""");
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"ping","id":2}""");
        connection.Sent.Count.ShouldBe(3, "the login and the burst of two; the others wait");

        h.Time.Advance(TimeSpan.FromSeconds(1));
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"ping","id":3}""");
        connection.Sent.Count.ShouldBe(4);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"ping","id":4}""");

        for (var i = 1; i <= 4; i++)
        {
            connection.PushText($$"""{"action":"pong","id":{{i}}}""");
        }

        (await Task.WhenAll(calls).WithSafetyNet()).ShouldBe([1, 2, 3, 4]);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Ready);
    }

    [Fact]
    public async Task A_command_past_a_full_queue_or_whose_timeout_passes_in_line_fails_typed_with_nothing_sent()
    {
        await using var h = new Harness(Limit(burst: 1, perSecond: 1, queue: 1));
        var connection = await h.ConnectReadyAsync();
        _ = h.Ping.PingAsync(1, TimeSpan.FromMinutes(1));
        var waiting = h.Ping.PingAsync(2, TimeSpan.FromMilliseconds(500));

        var full = await Should.ThrowAsync<CommandRateLimitedException>(() => h.Ping.PingAsync(3));
        full.Message.ShouldContain("1 commands were already waiting for the rate limit (CommandRateLimitOptions.QueueLimit)");
        full.Message.ShouldContain("Nothing reached the platform");

        h.Time.Advance(TimeSpan.FromMilliseconds(500));
        var late = await Should.ThrowAsync<CommandRateLimitedException>(waiting.WithSafetyNet());
        late.Command.ShouldBe("Ping");
        late.Message.ShouldContain("its timeout (00:00:00.5000000) passed while it waited");

        h.Time.Advance(TimeSpan.FromSeconds(5));
        connection.Sent.Select(s => s.Text).ShouldBe([TestLogin.LoginFrame, """{"action":"ping","id":1}"""]);
        h.Ping.Pending.ShouldBe(1);
    }

    [Fact]
    public async Task Keep_alives_and_the_login_are_never_throttled()
    {
        await using var h = new Harness(Limit(burst: 1, perSecond: 1, queue: 10, b => b.Every("keep-alive", TimeSpan.FromMilliseconds(100), _ => OutgoingMessage.Text("""{"action":"ps"}"""))));
        var connection = await h.ConnectReadyAsync();
        _ = h.Ping.PingAsync(1, TimeSpan.FromMinutes(1));
        _ = h.Ping.PingAsync(2, TimeSpan.FromMinutes(1));
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"ping","id":1}""");

        for (var i = 0; i < 3; i++)
        {
            h.Time.Advance(TimeSpan.FromMilliseconds(100));
            (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"ps"}""", "a keep-alive goes out while a command waits for a token");
        }

        connection.Sent.ShouldNotContain(s => s.Text.Contains("\"id\":2"));
    }

    [Fact]
    public async Task A_command_whose_session_ends_while_it_waits_for_a_token_is_not_carried_over_to_the_next_session()
    {
        await using var h = new Harness(Limit(burst: 1, perSecond: 1, queue: 10));
        var connection = await h.ConnectReadyAsync();
        _ = h.Ping.PingAsync(1, TimeSpan.FromMinutes(1));
        var waiting = h.Ping.PingAsync(2, TimeSpan.FromMinutes(1));
        await connection.NextSentAsync();

        connection.Drop(DisconnectReason.TransportError);
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await h.AcceptNextLoginAsync();
        h.Time.Advance(TimeSpan.FromSeconds(2));

        var lost = await Should.ThrowAsync<ConnectionLostException>(waiting.WithSafetyNet());
        lost.NothingSent.ShouldBeTrue();
        second.Sent.Select(s => s.Text).ShouldBe([TestLogin.LoginFrame]);
    }

    [Fact]
    public void Invalid_limits_are_refused_when_the_client_is_built()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new Harness(b => b.Configure(o => o.CommandRateLimit = new CommandRateLimitOptions { TokensPerPeriod = 0 })))
            .Message.ShouldContain("TokensPerPeriod must be between 1 and TokenLimit");
    }
}
