using Protocol.Infrastructure;
using Protocol.Testing;
using Protocol.Testing.Time;

namespace Protocol.Core.Tests.Timeouts;

// The runner behind generated [ProtocolTimeout] wrappers: one bound on the client's clock, gone when the call returns.
public sealed class TimeoutRunnerTests
{
    [Fact]
    public async Task An_operation_that_finishes_in_time_returns_its_result_and_leaves_no_timer_armed()
    {
        var clock = new TimerCountingTimeProvider();
        var result = new TaskCompletionSource<int>();
        var call = TimeoutRunner.RunAsync("quote", TimeSpan.FromSeconds(5), clock, _ => result.Task, CancellationToken.None);
        clock.ActiveTimerCount.ShouldBe(1, "the call's one bound");

        result.SetResult(42);
        (await call.WithSafetyNet()).ShouldBe(42);
        clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task An_operation_that_ignores_its_token_still_ends_at_the_timeout_typed_and_its_token_is_cancelled()
    {
        var clock = new TimerCountingTimeProvider();
        var never = new TaskCompletionSource();
        var token = CancellationToken.None;
        var call = TimeoutRunner.RunAsync("order", TimeSpan.FromSeconds(5), clock, t =>
        {
            token = t;
            return never.Task;
        }, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(4));
        call.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        var error = await Should.ThrowAsync<OperationTimeoutException>(() => call.WithSafetyNet());
        error.Message.ShouldContain("order");
        token.IsCancellationRequested.ShouldBeTrue();
        clock.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_callers_cancellation_is_reported_as_cancellation_not_as_a_timeout()
    {
        var clock = new TimerCountingTimeProvider();
        using var caller = new CancellationTokenSource();
        var call = TimeoutRunner.RunAsync("order", TimeSpan.FromSeconds(5), clock, t => Task.Delay(Timeout.Infinite, t), caller.Token);

        await caller.CancelAsync();
        var error = await Should.ThrowAsync<OperationCanceledException>(() => call.WithSafetyNet());
        error.ShouldNotBeOfType<OperationTimeoutException>();
        clock.ActiveTimerCount.ShouldBe(0);
    }
}
