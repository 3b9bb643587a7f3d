using Protocol.Core.Tests.Support;
using Protocol.Testing;

namespace Protocol.Core.Tests.Runner;

// The failure policy of on-Ready hooks: an overrun or a throw is logged and the session still becomes Ready; a hook that
// fails the session gets a failed attempt (backoff, retry), never a terminal error.
public sealed class OnReadyHookTests
{
    [Fact]
    public async Task A_hook_that_overruns_the_callback_timeout_is_abandoned_and_the_session_still_becomes_ready()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = new Harness(configure: b => b
            .Configure(o => o.CallbackTimeout = TimeSpan.FromSeconds(3))
            .OnReady("stuck", async (_, ct) =>
            {
                started.TrySetResult();
                try
                {
                    await new TaskCompletionSource().Task.WaitAsync(ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // The runner told the abandoned hook to stop.
                    cancelled.TrySetResult();
                    throw;
                }
            }));
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        (await connection.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        connection.PushText("""{"action":"loginOk"}""");
        await started.Task.WithSafetyNet();
        h.Client.ConnectionState.ShouldBe(ConnectionState.Connected);

        h.Time.Advance(TimeSpan.FromSeconds(3));
        await h.States.NextAsync(ConnectionState.Ready);
        (await h.Logs.WaitForAsync(e => e.Message.Contains("On-Ready hook stuck did not finish within 00:00:03"))).ShouldNotBeNull();
        await cancelled.Task.WithSafetyNet();
        h.Transport.Connections.Count.ShouldBe(1);
    }

    [Fact]
    public async Task No_bound_of_a_hook_that_finished_late_is_still_armed_when_Ready_is_announced()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = new Harness(configure: b => b.OnReady("slow", async (_, _) =>
        {
            entered.TrySetResult();
            await release.Task;
        }));

        // Handlers run on the runner's thread as Ready is announced: this is what whoever reacts to Ready finds.
        var armedAtReady = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.StateChanged += (_, e) =>
        {
            if (e.Current == ConnectionState.Ready)
            {
                armedAtReady.TrySetResult(h.Time.ActiveTimerCount);
            }
        };
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        (await connection.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        connection.PushText("""{"action":"loginOk"}""");
        await entered.Task.WithSafetyNet();
        release.SetResult();

        (await armedAtReady.Task.WithSafetyNet()).ShouldBe(0, "the hook's CallbackTimeout bound is disposed before Ready, not after whoever reacts to Ready ran");
    }

    [Fact]
    public async Task A_hook_that_fails_the_session_skips_the_next_hooks_and_the_client_reconnects_with_backoff()
    {
        var calls = 0;
        var later = 0;
        await using var h = new Harness(configure: b => b
            .OnReady("balance", (ctx, _) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    ctx.FailSession("no balance after the login");
                }

                return ValueTask.CompletedTask;
            })
            .OnReady("later", (_, _) => { Interlocked.Increment(ref later); return ValueTask.CompletedTask; }));
        await h.Client.ConnectAsync();
        var first = await h.Transport.NextConnectionAsync();
        (await first.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        first.PushText("""{"action":"loginOk"}""");

        var reconnecting = await h.States.NextAsync(ConnectionState.Reconnecting);
        reconnecting.Error.ShouldBeOfType<ConnectionFailedException>().Message.ShouldContain("'balance' failed the session");
        reconnecting.Error!.Message.ShouldContain("no balance after the login");
        first.IsDisposed.ShouldBeTrue();
        later.ShouldBe(0);
        h.States.All.ShouldNotContain(e => e.Current == ConnectionState.Ready);

        h.Time.Advance(reconnecting.Delay);
        await h.AcceptNextLoginAsync();
        later.ShouldBe(1);
        h.Client.TerminalError.ShouldBeNull();
    }

    [Fact]
    public async Task Without_a_login_the_hooks_run_once_connected_and_send_generated_messages_on_the_session()
    {
        await using var h = new Harness(login: false, configure: b => b
            .OnReady("burst", async (ctx, ct) => await ctx.SendAsync(new Resubscribe("EURUSD"), ct)));
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        (await connection.NextSentAsync()).Text.ShouldBe("""{"action":"resubscribe","asset":"EURUSD"}""");
        await h.States.NextAsync(ConnectionState.Ready);
    }

    // A hand-written outgoing message, as the generator would write it for a JSON-action platform.
    private readonly struct Resubscribe(string asset) : IOutgoingMessage
    {
        public string MessageName => "resubscribe";

        public void WriteJson(System.Text.Json.Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("asset", asset);
            writer.WriteEndObject();
        }

        public void WriteEnvelope(System.Buffers.IBufferWriter<byte> output)
        {
            using var writer = new System.Text.Json.Utf8JsonWriter(output);
            writer.WriteStartObject();
            writer.WriteString("action", MessageName);
            writer.WriteString("asset", asset);
            writer.WriteEndObject();
        }
    }
}
