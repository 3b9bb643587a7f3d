using Microsoft.Extensions.Time.Testing;
using Protocol.Infrastructure;
using Protocol.Testing;

namespace Protocol.Core.Tests.Subscriptions;

// Disposing while a read is pending ends that read with false (as a completed channel does) and never throws, so an error
// inside `await using` code is the one the caller sees (an async iterator's DisposeAsync would throw NotSupportedException).
public sealed class SubscriptionDisposeTests
{
    [Theory]
    [InlineData(SlowConsumerPolicy.DropOldest)]
    [InlineData(SlowConsumerPolicy.LatestWins)]
    [InlineData(SlowConsumerPolicy.Wait)]
    public async Task Disposing_the_enumerator_during_a_pending_read_ends_it_with_false_and_unsubscribes(SlowConsumerPolicy policy)
    {
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe(new SubscriptionOptions { Policy = policy });
        var reader = subscription.GetAsyncEnumerator();
        var pending = reader.MoveNextAsync().AsTask();
        pending.IsCompleted.ShouldBeFalse();

        await reader.DisposeAsync().AsTask().WithSafetyNet();

        (await pending.WithSafetyNet()).ShouldBeFalse();
        subscription.IsActive.ShouldBeFalse();
        set.Count.ShouldBe(0);
        set.Publish(1);
        (await reader.MoveNextAsync().AsTask().WithSafetyNet()).ShouldBeFalse("a disposed enumerator stays ended");
    }

    [Fact]
    public async Task Disposing_the_subscription_during_a_pending_read_ends_it_with_false()
    {
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe();
        await using var reader = subscription.GetAsyncEnumerator();
        var pending = reader.MoveNextAsync().AsTask();

        await subscription.DisposeAsync().AsTask().WithSafetyNet();

        (await pending.WithSafetyNet()).ShouldBeFalse();
        set.Count.ShouldBe(0);
    }

    [Fact]
    public async Task An_error_inside_await_using_with_a_pending_read_is_the_error_the_caller_sees()
    {
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe();
        Task<bool>? pending = null;

        var error = await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var reader = subscription.GetAsyncEnumerator();
            pending = reader.MoveNextAsync().AsTask();
            throw new InvalidOperationException("the real cause");
        });

        error.Message.ShouldBe("the real cause");
        (await pending.ShouldNotBeNull().WithSafetyNet()).ShouldBeFalse();
        set.Count.ShouldBe(0);
    }
}
