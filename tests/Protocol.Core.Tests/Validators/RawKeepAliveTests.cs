using Microsoft.Extensions.Time.Testing;
using Protocol.Core.Tests.Support;
using Protocol.Testing;

namespace Protocol.Core.Tests.Validators;

// The raw module's keep-alive: sent every interval while Ready and replayed after every login, on the fake clock.
public sealed class RawKeepAliveTests
{
    private const string Watch = """{"action":"watch","asset":"EURUSD"}""";

    [Fact]
    public async Task A_keep_alive_is_sent_after_every_login_and_every_interval_while_ready()
    {
        await using var h = new Harness(b => b.AddRawModule().Configure(o => o.Reconnect.Jitter = 0));
        var raw = h.Client.GetApi<RawApi>();
        await using var keepAlive = raw.AddKeepAlive(OutgoingMessage.Text(Watch), TimeSpan.FromSeconds(10));
        await h.Client.ConnectAsync();

        // The first login: the keep-alive follows the login, before Ready.
        var first = await h.Transport.NextConnectionAsync();
        (await first.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        first.PushText("""{"action":"loginOk"}""");
        (await first.NextSentAsync()).Text.ShouldBe(Watch);
        await h.States.NextAsync(ConnectionState.Ready);

        h.Time.Advance(TimeSpan.FromSeconds(10));
        (await first.NextSentAsync()).Text.ShouldBe(Watch);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        (await first.NextSentAsync()).Text.ShouldBe(Watch);

        // A reconnect: replayed after the re-login on the new connection, then every interval there.
        first.Drop();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var second = await h.Transport.NextConnectionAsync();
        (await second.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        second.PushText("""{"action":"loginOk"}""");
        (await second.NextSentAsync()).Text.ShouldBe(Watch);
        await h.States.NextAsync(ConnectionState.Ready);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        (await second.NextSentAsync()).Text.ShouldBe(Watch);

        // Counted after its send returns, on the loop's thread: the frame on the wire does not prove the count yet. The
        // client's disposal waits for the loops, so every send is counted once it returns.
        await h.Client.DisposeAsync().AsTask().WithSafetyNet();
        first.Sent.Count(s => s.Text == Watch).ShouldBe(3);
        keepAlive.SentCount.ShouldBe(5);
        keepAlive.FailedCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_keep_alive_added_while_ready_goes_out_at_once_and_disposing_it_stops_its_timer()
    {
        await using var h = new Harness(b => b.AddRawModule());
        var connection = await h.ConnectReadyAsync();
        var raw = h.Client.GetApi<RawApi>();
        var timersBefore = h.Time.ActiveTimerCount;

        var keepAlive = raw.AddKeepAlive(OutgoingMessage.Text(Watch), TimeSpan.FromSeconds(5));
        (await connection.NextSentAsync()).Text.ShouldBe(Watch);
        raw.KeepAliveCount.ShouldBe(1);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        (await connection.NextSentAsync()).Text.ShouldBe(Watch);

        await keepAlive.DisposeAsync();
        raw.KeepAliveCount.ShouldBe(0);
        await h.Time.WaitForActiveTimersAsync(timersBefore);
        h.Time.Advance(TimeSpan.FromSeconds(15));
        connection.Sent.Count(s => s.Text == Watch).ShouldBe(2);
        keepAlive.SentCount.ShouldBe(2);
    }

    [Fact]
    public async Task Disposing_the_client_waits_for_the_keep_alive_loops_so_none_is_left_to_send()
    {
        var interval = TimeSpan.FromSeconds(7);
        var clock = new PeriodClock(interval);
        var h = new Harness(b => b.AddRawModule().UseTimeProvider(clock));
        var connection = await h.ConnectReadyAsync();
        var keepAlive = h.Client.GetApi<RawApi>().AddKeepAlive(OutgoingMessage.Text(Watch), interval);
        (await connection.NextSentAsync()).Text.ShouldBe(Watch);
        clock.Advance(interval);
        (await connection.NextSentAsync()).Text.ShouldBe(Watch);
        clock.LiveTimers.ShouldBe(1, "the keep-alive's loop runs on its timer");

        await h.Client.DisposeAsync().AsTask().WithSafetyNet();

        // The loop ended (its timer disposed) before DisposeAsync returned, not some time later on another task.
        clock.LiveTimers.ShouldBe(0);
        clock.Advance(interval * 4);
        connection.Sent.Count(s => s.Text == Watch).ShouldBe(2);
        keepAlive.SentCount.ShouldBe(2);
        keepAlive.FailedCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_keep_alive_without_a_positive_interval_or_a_message_is_refused()
    {
        await using var h = new Harness(b => b.AddRawModule());
        var raw = h.Client.GetApi<RawApi>();

        Should.Throw<ArgumentOutOfRangeException>(() => raw.AddKeepAlive(OutgoingMessage.Text(Watch), TimeSpan.Zero)).Message.ShouldContain("positive");
        Should.Throw<ArgumentException>(() => raw.AddKeepAlive(OutgoingMessage.Text(""), TimeSpan.FromSeconds(1))).Message.ShouldContain("empty");
        raw.KeepAliveCount.ShouldBe(0);
    }

    // A fake clock that counts the live timers of one period (the keep-alive's), to see when its loop let go of its timer.
    private sealed class PeriodClock(TimeSpan period) : FakeTimeProvider
    {
        private int _live;

        public int LiveTimers => Volatile.Read(ref _live);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan timerPeriod)
        {
            var timer = base.CreateTimer(callback, state, dueTime, timerPeriod);
            if (timerPeriod != period)
            {
                return timer;
            }

            Interlocked.Increment(ref _live);
            return new Counted(timer, this);
        }

        private sealed class Counted(ITimer inner, PeriodClock owner) : ITimer
        {
            private int _disposed;

            public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    Interlocked.Decrement(ref owner._live);
                }

                inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
