using System.Threading.Channels;
using Protocol.Core.Tests.Support;
using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Modules;

public sealed class SupervisionTests
{
    [Fact]
    public async Task A_throwing_module_is_restarted_with_backoff_while_the_other_modules_keep_working()
    {
        var crasherSeen = Channel.CreateUnbounded<string>();
        var instances = 0;
        await using var h = new Harness(configure: b => b
            .Configure(o => o.ModuleRestartBase = TimeSpan.FromSeconds(1))
            .AddLightweightModule(
                "crasher",
                Validator.Custom(m => m.Name.SequenceEqual("boom"u8) || m.Name.SequenceEqual("hello"u8)),
                ctx =>
                {
                    Interlocked.Increment(ref instances);
                    return new CrashingModule(ctx, crasherSeen.Writer);
                }));
        var connection = await h.ConnectReadyAsync();
        var ticks = h.Ping.SubscribeTicks();
        await using var reader = ticks.GetAsyncEnumerator();

        connection.PushText("""{"action":"boom"}""");
        var crash = await h.Logs.WaitForAsync(e => e.Message.Contains("Module crasher crashed"));
        crash.Exception.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe("boom");
        h.Client.Modules.Single(m => m.Name == "crasher").IsRunning.ShouldBeFalse();

        // While the crasher waits out its backoff, the ping module still routes, answers and publishes.
        connection.PushText("""{"action":"tick","value":1}""");
        (await reader.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeTrue();
        reader.Current.ShouldBe(1);
        var ping = h.Ping.PingAsync(5);
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"ping","id":5}""");
        connection.PushText("""{"action":"pong","id":5}""");
        (await ping.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(5);

        // Messages for the crasher wait in its inbox; after the backoff a fresh instance handles them.
        connection.PushText("""{"action":"hello"}""");
        h.Time.Advance(TimeSpan.FromSeconds(1.2));
        (await crasherSeen.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("hello");
        instances.ShouldBe(2);
        var info = h.Client.Modules.Single(m => m.Name == "crasher");
        info.Restarts.ShouldBe(1);
        info.IsRunning.ShouldBeTrue();
        h.Client.ConnectionState.ShouldBe(ConnectionState.Ready);
    }

    [Fact]
    public async Task Repeated_crashes_back_off_exponentially()
    {
        await using var h = new Harness(configure: b => b
            .Configure(o => { o.ModuleRestartBase = TimeSpan.FromSeconds(1); o.ModuleRestartCap = TimeSpan.FromSeconds(60); })
            .AddLightweightModule("crasher", Validator.Custom(m => m.Name.SequenceEqual("boom"u8)), ctx => new CrashingModule(ctx, null)));
        var connection = await h.ConnectReadyAsync();
        for (var crash = 1; crash <= 4; crash++)
        {
            connection.PushText("""{"action":"boom"}""");
            var entry = await h.Logs.WaitForAsync(e => e.Message.Contains($"crashed (restart {crash})"));
            var nominal = Math.Pow(2, crash - 1);
            var delay = TimeSpan.Parse(entry.Message[(entry.Message.LastIndexOf("in ", StringComparison.Ordinal) + 3)..]);
            delay.TotalSeconds.ShouldBeInRange(nominal * 0.8, nominal * 1.2);
            h.Time.Advance(delay);
        }
    }

    private sealed class CrashingModule(ModuleContext<TestState> context, ChannelWriter<string>? seen) : LightweightModule<TestState>(context)
    {
        protected override ValueTask OnMessageAsync(MessageLease message, CancellationToken cancellationToken)
        {
            if (message.View.Name.SequenceEqual("boom"u8))
            {
                throw new InvalidOperationException("boom");
            }

            seen?.TryWrite(System.Text.Encoding.UTF8.GetString(message.View.Name));
            return ValueTask.CompletedTask;
        }
    }
}
