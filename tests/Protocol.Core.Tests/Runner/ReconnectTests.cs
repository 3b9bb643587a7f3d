using Protocol.Core.Tests.Support;

namespace Protocol.Core.Tests.Runner;

public sealed class ReconnectTests
{
    [Fact]
    public async Task Failed_connects_back_off_exponentially_with_jitter_over_ten_attempts()
    {
        await using var h = new Harness(login: false);
        h.Transport.FailNextConnects(10);
        await h.Client.ConnectAsync();

        double[] nominal = [5, 10, 20, 40, 80, 160, 300, 300, 300, 300];
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var reconnecting = await h.States.NextAsync(ConnectionState.Reconnecting);
            reconnecting.Attempt.ShouldBe(attempt);
            reconnecting.Delay.TotalSeconds.ShouldBeInRange(nominal[attempt - 1] * 0.8, nominal[attempt - 1] * 1.2);

            // One tick short of the delay nothing happens; at the delay the next attempt starts.
            h.Time.Advance(reconnecting.Delay - TimeSpan.FromMilliseconds(1));
            h.Transport.Connections.Count.ShouldBe(attempt, $"attempt {attempt}, delay {reconnecting.Delay}, states {string.Join(",", h.States.All.Select(e => e.Current + "/" + e.Attempt))}");
            h.Time.Advance(TimeSpan.FromMilliseconds(1));
            (await h.States.NextAsync(ConnectionState.Connecting)).Attempt.ShouldBe(attempt);
        }

        await h.States.NextAsync(ConnectionState.Ready);
        h.Transport.Connections.Count.ShouldBe(11);
    }

    [Fact]
    public async Task The_attempt_counter_resets_after_a_stable_ready_but_not_after_a_flapping_one()
    {
        await using var h = new Harness(login: false, configure: b => b.Configure(o => o.Reconnect.StableAfter = TimeSpan.FromSeconds(30)));
        h.Transport.FailNextConnects(2);
        await h.Client.ConnectAsync();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        await h.States.NextAsync(ConnectionState.Ready);
        var connection = await h.Transport.NextConnectionAsync();

        // Dropped after 10 s of Ready: not stable, so the count goes on (attempt 3, ~20 s).
        h.Time.Advance(TimeSpan.FromSeconds(10));
        connection.Drop();
        var flapping = await h.States.NextAsync(ConnectionState.Reconnecting);
        flapping.Attempt.ShouldBe(3);
        flapping.Delay.TotalSeconds.ShouldBeInRange(16, 24);
        h.Time.Advance(flapping.Delay);
        await h.States.NextAsync(ConnectionState.Ready);
        connection = await h.Transport.NextConnectionAsync();

        // Ready for 30 s: stable, so the next drop starts again at attempt 1 (~5 s).
        h.Time.Advance(TimeSpan.FromSeconds(30));
        connection.Drop();
        var afterStable = await h.States.NextAsync(ConnectionState.Reconnecting);
        afterStable.Attempt.ShouldBe(1);
        afterStable.Delay.TotalSeconds.ShouldBeInRange(4, 6);
    }

    [Fact]
    public async Task Stability_counts_from_the_moment_Ready_was_reached_not_from_when_the_state_handlers_returned()
    {
        await using var h = new Harness(login: false, configure: b => b.Configure(o => o.Reconnect.StableAfter = TimeSpan.FromSeconds(30)));
        h.Transport.FailNextConnects(2);

        // Handlers run on the runner's thread as Ready is announced; this one holds the runner for 30 s of client time, as a
        // slow handler (or a test's clock moving right after Ready) does. The session was Ready all that time.
        var held = 0;
        h.Client.StateChanged += (_, e) =>
        {
            if (e.Current == ConnectionState.Ready && Interlocked.Exchange(ref held, 1) == 0)
            {
                h.Time.Advance(TimeSpan.FromSeconds(30));
            }
        };
        await h.Client.ConnectAsync();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        await h.States.NextAsync(ConnectionState.Ready);
        (await h.Transport.NextConnectionAsync()).Drop();

        var afterStable = await h.States.NextAsync(ConnectionState.Reconnecting);
        afterStable.Attempt.ShouldBe(1, "Ready for StableAfter on the client's clock is stable: the count starts again");
    }

    [Fact]
    public async Task Endpoints_are_tried_in_order_and_a_failing_one_falls_over_to_the_next_without_waiting()
    {
        await using var h = new Harness(login: false, configure: b => b.AddEndpoint(new Protocol.ConnectionEndpoint("wss://backup.example/ws", "backup")));
        h.Transport.FailNextConnects(1);
        await h.Client.ConnectAsync();
        var ready = await h.States.NextAsync(ConnectionState.Ready);
        ready.Endpoint!.Name.ShouldBe("backup");
        h.Transport.Connections.Select(c => c.Endpoint!.Name).ShouldBe(["primary", "backup"]);
        h.States.All.ShouldNotContain(e => e.Current == ConnectionState.Reconnecting);

        // After a drop the endpoint that worked is tried first.
        (await h.Transport.NextConnectionAsync()).Drop();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        (await h.States.NextAsync(ConnectionState.Ready)).Endpoint!.Name.ShouldBe("backup");
    }

    [Fact]
    public async Task The_attempt_limit_closes_the_client_with_a_typed_error()
    {
        await using var h = new Harness(login: false, configure: b => b.Configure(o => o.Reconnect.MaxAttempts = 2));
        h.Transport.FailNextConnects(10);
        await h.Client.ConnectAsync();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        await h.States.NextAsync(ConnectionState.Closed);

        h.Client.TerminalError.ShouldBeOfType<ReconnectLimitExceededException>().Attempts.ShouldBe(2);
        await Should.ThrowAsync<ReconnectLimitExceededException>(() => h.Client.WaitUntilReadyAsync());
        h.Transport.Connections.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_connect_that_hangs_times_out_on_the_fake_clock_and_is_retried()
    {
        await using var h = new Harness(login: false, configure: b => b.Configure(o => o.ConnectTimeout = TimeSpan.FromSeconds(15)));
        var hang = true;
        var entered = new TaskCompletionSource();
        h.Transport.OnConnect = async (_, ct) =>
        {
            if (hang)
            {
                hang = false;
                entered.TrySetResult();

                // Held until the runner's connect timeout (armed before the attempt starts) cancels it.
                await Task.Delay(Timeout.InfiniteTimeSpan, h.Time, ct);
            }
        };
        await h.Client.ConnectAsync();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5));

        h.Time.Advance(TimeSpan.FromSeconds(15));
        var reconnecting = await h.States.NextAsync(ConnectionState.Reconnecting);
        reconnecting.Error.ShouldBeOfType<Protocol.ConnectionFailedException>().Message.ShouldContain("did not complete within");
        h.Time.Advance(reconnecting.Delay);
        await h.States.NextAsync(ConnectionState.Ready);
    }
}
