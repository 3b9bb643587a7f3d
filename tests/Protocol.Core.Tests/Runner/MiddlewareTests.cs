using System.Text;
using Protocol.Testing;
using Protocol.Core.Tests.Support;

namespace Protocol.Core.Tests.Runner;

public sealed class MiddlewareTests
{
    [Fact]
    public async Task Hooks_run_in_order_for_attempts_failures_connects_sends_receives_and_disconnects()
    {
        var log = new List<string>();
        var lastDisconnect = new TaskCompletionSource();
        await using var h = new Harness(configure: b => b
            .AddMiddleware(new Recording("a", log))
            .AddMiddleware(new Throwing())
            .AddMiddleware(new Recording("b", log, lastDisconnect)));
        h.Transport.FailNextConnects(1);
        await h.Client.ConnectAsync();
        h.Time.Advance((await h.States.NextAsync(ConnectionState.Reconnecting)).Delay);
        var connection = await h.AcceptNextLoginAsync();
        connection.Drop();
        await h.States.NextAsync(ConnectionState.Reconnecting);
        await lastDisconnect.Task.WaitAsync(TimeSpan.FromSeconds(5));

        string[] entries;
        lock (log)
        {
            entries = [.. log];
        }

        entries.ShouldBe([
            "a:attempt:0", "b:attempt:0",
            "a:failure", "b:failure",
            "a:attempt:1", "b:attempt:1",
            "a:connect", "b:connect",
            "a:send", "b:send",
            "a:receive:loginOk", "b:receive:loginOk",
            "a:disconnect:ClosedByServer", "b:disconnect:ClosedByServer",
        ]);
        h.Logs.All.Count(e => e.Message.Contains("Middleware Throwing threw")).ShouldBe(entries.Length / 2);
        h.Client.ConnectionState.ShouldBe(ConnectionState.Reconnecting);
    }

    [Fact]
    public async Task A_hook_that_never_finishes_and_ignores_its_token_holds_the_client_for_CallbackTimeout_then_is_logged_and_skipped()
    {
        var hung = new Hung();
        await using var h = new Harness(configure: b => b
            .Configure(o => o.CallbackTimeout = TimeSpan.FromSeconds(10))
            .AddMiddleware(hung));
        await h.Client.ConnectAsync();
        var connection = await h.Transport.NextConnectionAsync();
        var token = await hung.Entered.Task.WithSafetyNet();

        // The runner waits for the hook before the login: nothing is sent until its bound on the client's clock ends.
        connection.Sent.ShouldBeEmpty();
        h.Time.Advance(TimeSpan.FromSeconds(10));
        (await connection.NextSentAsync()).Text.ShouldBe(TestLogin.LoginFrame);
        token.IsCancellationRequested.ShouldBeTrue("the hook is told to stop");
        var logged = h.Logs.All.Single(e => e.Message.Contains("Middleware Hung threw in OnConnectAsync"));
        logged.Exception.ShouldBeOfType<TimeoutException>().Message.ShouldContain("CallbackTimeout");

        connection.PushText("""{"action":"loginOk"}""");
        await h.States.NextAsync(ConnectionState.Ready);
    }

    private sealed class Hung : ClientMiddleware<TestState>
    {
        public TaskCompletionSource<CancellationToken> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ValueTask OnConnectAsync(MiddlewareContext<TestState> context, ConnectionEndpoint endpoint, CancellationToken cancellationToken)
        {
            Entered.TrySetResult(cancellationToken);
            return new ValueTask(new TaskCompletionSource().Task);
        }
    }

    private sealed class Recording(string name, List<string> log, TaskCompletionSource? disconnected = null) : ClientMiddleware<TestState>
    {
        public override ValueTask OnConnectionAttemptAsync(MiddlewareContext<TestState> context, ConnectionEndpoint endpoint, int attempt, CancellationToken cancellationToken)
            => Add($"attempt:{attempt}");

        public override ValueTask OnConnectionFailureAsync(MiddlewareContext<TestState> context, ConnectionEndpoint endpoint, Exception error, CancellationToken cancellationToken)
            => Add("failure");

        public override ValueTask OnConnectAsync(MiddlewareContext<TestState> context, ConnectionEndpoint endpoint, CancellationToken cancellationToken)
            => Add("connect");

        public override ValueTask OnDisconnectAsync(MiddlewareContext<TestState> context, DisconnectInfo info, CancellationToken cancellationToken)
        {
            Add($"disconnect:{info.Reason}");
            disconnected?.TrySetResult();
            return ValueTask.CompletedTask;
        }

        public override void OnSend(MiddlewareContext<TestState> context, in OutgoingMessage message) => Add("send");

        public override void OnReceive(MiddlewareContext<TestState> context, MessageView message) => Add($"receive:{Encoding.UTF8.GetString(message.Name)}");

        private ValueTask Add(string entry)
        {
            lock (log)
            {
                log.Add($"{name}:{entry}");
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class Throwing : ClientMiddleware<TestState>
    {
        public override ValueTask OnConnectionAttemptAsync(MiddlewareContext<TestState> context, ConnectionEndpoint endpoint, int attempt, CancellationToken cancellationToken) => throw new InvalidOperationException("attempt");

        public override ValueTask OnConnectionFailureAsync(MiddlewareContext<TestState> context, ConnectionEndpoint endpoint, Exception error, CancellationToken cancellationToken) => throw new InvalidOperationException("failure");

        public override ValueTask OnConnectAsync(MiddlewareContext<TestState> context, ConnectionEndpoint endpoint, CancellationToken cancellationToken) => throw new InvalidOperationException("connect");

        public override ValueTask OnDisconnectAsync(MiddlewareContext<TestState> context, DisconnectInfo info, CancellationToken cancellationToken) => throw new InvalidOperationException("disconnect");

        public override void OnSend(MiddlewareContext<TestState> context, in OutgoingMessage message) => throw new InvalidOperationException("send");

        public override void OnReceive(MiddlewareContext<TestState> context, MessageView message) => throw new InvalidOperationException("receive");
    }
}
