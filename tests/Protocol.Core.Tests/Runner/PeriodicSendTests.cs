using System.Buffers;
using Protocol.Core.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Connections;
using Protocol.Testing.Time;

namespace Protocol.Core.Tests.Runner;

// Every(...): a keep-alive like PocketOption's 42["ps"] every 20 s, on the client's clock, only while Ready.
public sealed class PeriodicSendTests
{
    private const string Ps = """{"action":"ps"}""";

    // A short real-time window to show that nothing more was sent: a duplicate or an early send would be written at once.
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task A_periodic_send_goes_out_once_per_period_only_while_ready_and_its_timer_goes_with_the_session()
    {
        await using var h = new Harness(configure: b => b
            .Configure(o =>
            {
                o.LoginTimeout = TimeSpan.FromSeconds(60);
                o.Reconnect.Base = TimeSpan.FromSeconds(90);
                o.Reconnect.Jitter = 0;
            })
            .Every("ps", TimeSpan.FromSeconds(20), _ => OutgoingMessage.Text(Ps)));
        await h.Client.ConnectAsync();
        var first = await h.Transport.NextConnectionAsync();
        (await first.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);

        // Connected, login pending: not Ready, so no keep-alive however long the platform takes.
        h.Time.Advance(TimeSpan.FromSeconds(45));
        await ShouldSendNothingAsync(first);

        first.PushText("""{"action":"loginOk"}""");
        await h.States.NextAsync(ConnectionState.Ready);
        // The timer is armed before Ready is announced; waiting for it costs nothing and keeps the clock from moving first.
        await h.Time.WaitForActiveTimersAsync(1);
        h.Time.ActiveTimerCount.ShouldBe(1, "the periodic timer, armed once Ready");
        h.Time.Advance(TimeSpan.FromSeconds(20));
        (await first.NextSentAsync()).Text.ShouldBe(Ps);
        await ShouldSendNothingAsync(first);
        h.Time.Advance(TimeSpan.FromSeconds(19));
        await ShouldSendNothingAsync(first);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        (await first.NextSentAsync()).Text.ShouldBe(Ps);

        // Reconnecting: the loop stopped with the session (no send, not even a failed one, during the backoff).
        first.Drop();
        var reconnecting = await h.States.NextAsync(ConnectionState.Reconnecting);
        reconnecting.Delay.ShouldBe(TimeSpan.FromSeconds(90));

        // The session is torn down after Reconnecting is announced, its close bounded by a timer of its own: counted once done.
        await first.Disposed.WithSafetyNet();
        h.Time.ActiveTimerCount.ShouldBe(1, "only the backoff delay: the periodic timer went with the session");
        h.Time.Advance(TimeSpan.FromSeconds(60));
        first.Sent.Count(s => s.Text == Ps).ShouldBe(2);
        h.Logs.All.ShouldNotContain(e => e.Message.Contains("Periodic send"));

        // The next session gets its own timer, counted from its own Ready.
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var second = await h.AcceptNextLoginAsync();
        h.Time.Advance(TimeSpan.FromSeconds(20));
        (await second.NextSentAsync()).Text.ShouldBe(Ps);

        h.Time.ActiveTimerCount.ShouldBe(1, "the second session's periodic timer");
        await h.Client.DisposeAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        second.Sent.Count(s => s.Text == Ps).ShouldBe(1);
    }

    [Fact]
    public async Task A_failed_periodic_send_is_logged_not_fatal_and_the_next_tick_sends_a_generated_message()
    {
        var ticks = 0;
        await using var h = new Harness(configure: b => b
            .Every("ps", TimeSpan.FromSeconds(20), _ => Interlocked.Increment(ref ticks) == 1 ? throw new InvalidOperationException("no message this time") : new KeepAlive()));
        var connection = await h.ConnectReadyAsync();

        h.Time.Advance(TimeSpan.FromSeconds(20));
        (await h.Logs.WaitForAsync(e => e.Message.Contains("Periodic send ps failed"))).Exception.ShouldBeOfType<InvalidOperationException>();
        h.Client.ConnectionState.ShouldBe(ConnectionState.Ready);

        h.Time.Advance(TimeSpan.FromSeconds(20));
        (await connection.NextSentAsync()).Text.ShouldBe(Ps);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Ready);
        h.Transport.Connections.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_slow_periodic_send_does_not_hold_up_the_receive_path()
    {
        using var release = new SemaphoreSlim(0);
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = new Harness(configure: b => b
            .Every("ps", TimeSpan.FromSeconds(20), _ =>
            {
                blocked.TrySetResult();
                release.Wait(SafetyNet.DefaultLimit).ShouldBeTrue();
                return OutgoingMessage.Text(Ps);
            }));
        var connection = await h.ConnectReadyAsync();
        h.Time.Advance(TimeSpan.FromSeconds(20));
        await blocked.Task.WithSafetyNet();

        // While the keep-alive is stuck making its message, a command still goes out and its answer still comes in.
        var ping = h.Ping.PingAsync(5);
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"ping","id":5}""");
        connection.PushText("""{"action":"pong","id":5}""");
        (await ping.WithSafetyNet()).ShouldBe(5);

        release.Release();
        var sent = await connection.NextSentAsync().WithSafetyNet(operation: string.Join(" | ", h.Logs.All.Select(e => e.Message + e.Exception)));
        sent.Text.ShouldBe(Ps);
    }

    // A wait that times out withdraws its read, so the next message still reaches the next NextSentAsync.
    private static async Task ShouldSendNothingAsync(FakeConnection connection)
    {
        var before = connection.Sent.Count;
        await Should.ThrowAsync<TimeoutException>(() => connection.NextSentAsync(Quiet));
        connection.Sent.Count.ShouldBe(before);
    }

    // A hand-written outgoing message, as the generator would write it for a JSON-action platform.
    private readonly struct KeepAlive : IOutgoingMessage
    {
        public string MessageName => "ps";

        public void WriteJson(System.Text.Json.Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        public void WriteEnvelope(IBufferWriter<byte> output) => output.Write("""{"action":"ps"}"""u8);
    }
}
