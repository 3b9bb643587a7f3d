using Protocol.Core.Tests.Support;
using Protocol.Infrastructure;
using Protocol.Testing;

namespace Protocol.Core.Tests.Runner;

public sealed class LifecycleTests
{
    [Fact]
    public async Task States_go_disconnected_connecting_connected_ready_and_ready_waits_for_the_login()
    {
        await using var h = new Harness();
        h.Client.ConnectionState.ShouldBe(ConnectionState.Disconnected);
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        await h.States.NextAsync(ConnectionState.Connected);
        var ready = h.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        ready.IsCompleted.ShouldBeFalse();
        (await connection.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);

        connection.PushText("""{"action":"loginOk"}""");
        await ready.WaitAsync(TimeSpan.FromSeconds(5));
        h.Client.ConnectionState.ShouldBe(ConnectionState.Ready);
        h.States.All.Select(e => e.Current).ShouldBe([ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Ready]);
    }

    [Fact]
    public async Task WaitUntilReadyAsync_leaves_no_timer_armed_when_it_returns()
    {
        await using var h = new Harness();
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        (await connection.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        var ready = h.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

        // Runs on the thread that completes the wait, at that moment: what an awaiting caller sees first.
        var armedAtReturn = ready.ContinueWith(_ => h.Time.ActiveTimerCount, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        connection.PushText("""{"action":"loginOk"}""");
        await ready.WithSafetyNet();
        (await armedAtReturn.WithSafetyNet()).ShouldBe(0, "the wait's 30 s bound is disposed before WaitUntilReadyAsync returns");
    }

    [Fact]
    public async Task A_login_rejection_ends_in_closed_with_the_typed_error_and_no_retry()
    {
        await using var h = new Harness();
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        (await connection.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        connection.PushText("""{"action":"loginRejected"}""");

        var error = await Should.ThrowAsync<LoginRejectedException>(() => h.Client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)));
        error.Reason.ShouldBe("session expired");
        await h.States.NextAsync(ConnectionState.Closed);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Closed);
        h.Client.TerminalError.ShouldBeSameAs(error);

        // An hour later there has still been exactly one attempt, and connecting again is refused.
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Transport.Connections.Count.ShouldBe(1);
        h.States.All.ShouldNotContain(e => e.Current == ConnectionState.Reconnecting);
        connection.IsOpen.ShouldBeFalse();
        await Should.ThrowAsync<ClientClosedException>(() => h.Client.ConnectAsync());
    }

    [Fact]
    public async Task A_login_without_an_answer_times_out_and_is_retried_not_treated_as_a_rejection()
    {
        await using var h = new Harness(configure: b => b.Configure(o => o.LoginTimeout = TimeSpan.FromSeconds(20)));
        await h.Client.ConnectAsync();
        var first = await h.Transport.NextConnectionAsync();
        await first.NextSentAsync();
        h.Time.Advance(TimeSpan.FromSeconds(20));
        var reconnecting = await h.States.NextAsync(ConnectionState.Reconnecting);
        reconnecting.Error!.Message.ShouldContain("did not answer the login");
        first.IsDisposed.ShouldBeTrue();
        h.Time.Advance(reconnecting.Delay);
        await h.AcceptNextLoginAsync();
    }

    [Fact]
    public async Task On_ready_hooks_run_on_every_session_after_the_login_and_before_ready_in_order_and_a_throwing_one_is_isolated()
    {
        var log = new List<string>();
        void Record(string entry)
        {
            lock (log)
            {
                log.Add(entry);
            }
        }

        string[] Snapshot()
        {
            lock (log)
            {
                return [.. log];
            }
        }

        Harness? harness = null;
        await using var h = harness = new Harness(configure: b => b
            .OnReady("first", (ctx, _) => { Record($"first:{ctx.SessionNumber}:{ctx.IsReconnect}:{ctx.Attempt}:{harness!.Client.ConnectionState}"); return ValueTask.CompletedTask; })
            .OnReady("broken", (_, _) => { Record("broken"); throw new InvalidOperationException("boom"); })
            .OnReady("last", async (ctx, ct) => { Record("last"); await ctx.SendAsync(OutgoingMessage.Text("""{"action":"resubscribe"}"""), ct); }));
        h.Client.StateChanged += (_, e) => Record(e.Current.ToString());

        // The first session runs the hooks too, between the accepted login and Ready.
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        (await connection.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        connection.PushText("""{"action":"loginOk"}""");
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"resubscribe"}""");
        await h.States.NextAsync(ConnectionState.Ready);
        Snapshot().ShouldBe(["Connecting", "Connected", "first:1:False:0:Connected", "broken", "last", "Ready"]);
        (await h.Logs.WaitForAsync(e => e.Message.Contains("On-Ready hook broken failed"))).Exception.ShouldBeOfType<InvalidOperationException>();

        connection.Drop();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await h.Transport.NextConnectionAsync();
        (await second.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        await h.States.NextAsync(ConnectionState.Connected);
        Snapshot().Count(e => e.StartsWith("first:", StringComparison.Ordinal)).ShouldBe(1);

        second.PushText("""{"action":"loginOk"}""");
        (await second.NextSentAsync()).Text.ShouldBe("""{"action":"resubscribe"}""");
        await h.States.NextAsync(ConnectionState.Ready);
        Snapshot().SkipWhile(e => e != "Reconnecting").ShouldBe(["Reconnecting", "Connecting", "Connected", "first:2:True:1:Connected", "broken", "last", "Ready"]);
    }

    [Fact]
    public async Task A_login_reply_is_sent_on_the_session_and_the_login_stays_pending_until_accepted()
    {
        await using var h = new Harness(login: false, configure: b => b.UseLogin(new ChallengeLogin()));
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        await h.States.NextAsync(ConnectionState.Connected);
        connection.PushText("""{"action":"challenge"}""");
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"answer"}""");
        h.Client.ConnectionState.ShouldBe(ConnectionState.Connected);

        connection.PushText("""{"action":"loginOk"}""");
        await h.States.NextAsync(ConnectionState.Ready);
    }

    [Fact]
    public async Task An_in_flight_command_fails_on_disconnect_with_a_typed_error_and_is_not_resent()
    {
        await using var h = new Harness();
        var connection = await h.ConnectReadyAsync();
        var ping = h.Ping.PingAsync(7, TimeSpan.FromMinutes(1));
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"ping","id":7}""");

        connection.Drop(DisconnectReason.TransportError);
        var error = await Should.ThrowAsync<ConnectionLostException>(ping);
        error.Message.ShouldContain("'Ping' was in flight");
        error.NothingSent.ShouldBeFalse("its frame was written: the platform may have acted on it");
        h.Ping.Pending.ShouldBe(0);

        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await h.AcceptNextLoginAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        second.Sent.Select(s => s.Text).ShouldBe([TestLogin.LoginFrame]);
    }

    [Fact]
    public async Task Commands_complete_from_the_correlated_response_and_time_out_on_the_fake_clock()
    {
        await using var h = new Harness();
        var connection = await h.ConnectReadyAsync();
        var first = h.Ping.PingAsync(1);
        var second = h.Ping.PingAsync(2, TimeSpan.FromSeconds(3));
        var sent = new[] { (await connection.NextSentAsync()).Text, (await connection.NextSentAsync()).Text };
        sent.ShouldBe(["""{"action":"ping","id":1}""", """{"action":"ping","id":2}"""], ignoreOrder: true);

        connection.PushText("""{"action":"pong","id":1}""");
        (await first.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(1);

        h.Time.Advance(TimeSpan.FromSeconds(3));
        var timeout = await Should.ThrowAsync<Protocol.CommandTimeoutException>(second);
        timeout.Timeout.ShouldBe(TimeSpan.FromSeconds(3));

        // A late answer for a timed-out command is ignored.
        connection.PushText("""{"action":"pong","id":2}""");
        h.Ping.Pending.ShouldBe(0);
    }

    [Fact]
    public async Task A_send_refused_because_nothing_is_connected_says_nothing_was_sent()
    {
        await using var h = new Harness();
        var error = await Should.ThrowAsync<ConnectionLostException>(async () => await h.Client.SendAsync(OutgoingMessage.Text("""{"action":"x"}""")));
        error.NothingSent.ShouldBeTrue();
        error.Message.ShouldContain("nothing was sent");
    }

    [Fact]
    public async Task Commands_are_refused_before_ready_and_nothing_is_sent()
    {
        await using var h = new Harness();
        await Should.ThrowAsync<NotReadyException>(() => h.Ping.PingAsync(1));
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        await h.States.NextAsync(ConnectionState.Connected);
        await Should.ThrowAsync<NotReadyException>(() => h.Ping.PingAsync(1));
        (await connection.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        connection.Sent.Count.ShouldBe(1);
    }

    [Fact]
    public async Task No_task_is_left_running_after_dispose()
    {
        var h = new Harness(configure: b => b.AddLightweightModule("idle", Validator.Custom(_ => true), ctx => new IdleModule(ctx)));
        var connection = await h.ConnectReadyAsync();
        var ticks = h.Ping.SubscribeTicks(SubscriptionOptions.LatestWins);
        var reading = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in ticks)
            {
                count++;
            }

            return count;
        });
        var pending = h.Ping.PingAsync(3, TimeSpan.FromHours(1));
        await connection.NextSentAsync();
        h.Client.Runner.BackgroundTasks.ShouldContain(t => !t.IsCompleted);

        await h.Client.DisposeAsync();

        h.Client.Runner.BackgroundTasks.ShouldAllBe(t => t.IsCompleted);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Closed);
        await Should.ThrowAsync<ConnectionLostException>(pending);
        (await reading.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(0);
        h.Time.ActiveTimerCount.ShouldBe(0);
        connection.IsDisposed.ShouldBeTrue();
        await Should.ThrowAsync<ClientClosedException>(() => h.Client.WaitUntilReadyAsync());
    }

    [Fact]
    public async Task Disconnect_holds_until_connect_is_called_again()
    {
        await using var h = new Harness();
        var connection = await h.ConnectReadyAsync();
        await h.Client.DisconnectAsync();
        h.Client.ConnectionState.ShouldBe(ConnectionState.Disconnected);
        connection.IsOpen.ShouldBeFalse();
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Transport.Connections.Count.ShouldBe(1);

        await h.Client.ConnectAsync();
        await h.AcceptNextLoginAsync();
    }

    private sealed class IdleModule(ModuleContext<TestState> context) : LightweightModule<TestState>(context)
    {
        protected override ValueTask OnMessageAsync(Protocol.Infrastructure.MessageLease message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    // Speaks second: answers the server's challenge through LoginDecision.Send, then waits for loginOk.
    private sealed class ChallengeLogin : IPlatformLogin<TestState>
    {
        public ValueTask StartAsync(LoginContext<TestState> context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public LoginDecision OnMessage(Protocol.MessageView message, LoginContext<TestState> context)
            => message.Name.SequenceEqual("challenge"u8) ? LoginDecision.Send(OutgoingMessage.Text("""{"action":"answer"}"""))
             : message.Name.SequenceEqual("loginOk"u8) ? LoginDecision.Accept()
             : LoginDecision.Pending;
    }
}
