using Protocol.Core.Tests.Support;
using Protocol.Testing;
using Protocol.Testing.Time;
using Microsoft.Extensions.Time.Testing;
using Protocol.Infrastructure;

namespace Protocol.Core.Tests.Subscriptions;

public sealed class SubscriptionTests
{
    [Fact]
    public async Task A_latest_wins_slow_consumer_never_blocks_the_router_and_other_subscriptions_get_everything()
    {
        await using var h = new Harness();
        var connection = await h.ConnectReadyAsync();
        var slow = h.Ping.SubscribeTicks(SubscriptionOptions.LatestWins);
        var fast = h.Ping.SubscribeTicks(new SubscriptionOptions { Capacity = 2000, Policy = SlowConsumerPolicy.Wait });
        var received = Task.Run(async () =>
        {
            var items = new List<int>();
            await foreach (var tick in fast)
            {
                items.Add(tick);
                if (tick == 1000)
                {
                    break;
                }
            }

            return items;
        });

        // The router runs on this thread: every push returns at once although the slow consumer never reads.
        for (var i = 1; i <= 1000; i++)
        {
            connection.PushText($$"""{"action":"tick","value":{{i}}}""");
        }

        (await received.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(Enumerable.Range(1, 1000));
        h.Client.Modules.Single(m => m.Name == "ping").DroppedMessages.ShouldBe(0);
        slow.DroppedCount.ShouldBe(999);
        fast.DroppedCount.ShouldBe(0);
        fast.IsActive.ShouldBeFalse();
        h.Ping.Ticks.Count.ShouldBe(1);

        await using var latest = slow.GetAsyncEnumerator();
        (await latest.MoveNextAsync()).ShouldBeTrue();
        latest.Current.ShouldBe(1000);
    }

    [Fact]
    public async Task Drop_oldest_keeps_the_newest_items_and_counts_the_rest()
    {
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe(new SubscriptionOptions { Capacity = 3, Policy = SlowConsumerPolicy.DropOldest });
        for (var i = 1; i <= 10; i++)
        {
            set.Publish(i);
        }

        set.Complete();
        var items = new List<int>();
        await foreach (var item in subscription)
        {
            items.Add(item);
        }

        items.ShouldBe([8, 9, 10]);
        subscription.DroppedCount.ShouldBe(7);
    }

    [Theory]
    [InlineData(SlowConsumerPolicy.DropOldest)]
    [InlineData(SlowConsumerPolicy.LatestWins)]
    [InlineData(SlowConsumerPolicy.Wait)]
    public async Task Each_take_gives_its_room_back_at_once_so_a_full_buffer_emptied_by_the_consumer_takes_updates_again_without_a_drop(SlowConsumerPolicy policy)
    {
        // The writer and the consumer count on separate counters, and the writer looks at the consumer's only when its last
        // look says full: a look that never came would drop (or send to the pump) an update the buffer has room for.
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var capacity = policy == SlowConsumerPolicy.LatestWins ? 1 : 3;
        var subscription = set.Subscribe(new SubscriptionOptions { Capacity = capacity, Policy = policy });
        await using var items = subscription.GetAsyncEnumerator();
        var next = 0;
        for (var round = 0; round < 2_000; round++)
        {
            for (var i = 0; i < capacity; i++)
            {
                set.Publish(++next);
            }

            for (var i = next - capacity + 1; i <= next; i++)
            {
                var pending = items.MoveNextAsync();
                pending.IsCompleted.ShouldBeTrue($"round {round}: update {i} was not in the buffer");
                (await pending).ShouldBeTrue();
                items.Current.ShouldBe(i);
            }
        }

        subscription.DroppedCount.ShouldBe(0);
    }

    [Fact]
    public async Task Wait_never_blocks_the_publisher_its_own_pump_waits_and_drops_after_its_timeout_on_the_fake_clock()
    {
        var time = new TimerCountingTimeProvider();
        var set = new SubscriptionSet<int>(time);
        var waiting = set.Subscribe(new SubscriptionOptions { Capacity = 1, Policy = SlowConsumerPolicy.Wait, WaitTimeout = TimeSpan.FromSeconds(2) });
        var other = set.Subscribe(new SubscriptionOptions { Capacity = 10, Policy = SlowConsumerPolicy.DropOldest });

        // The buffer holds 1; item 2 goes to the subscription's pump, which waits for room (its timer armed). Publish never waits.
        set.Publish(1);
        set.Publish(2);
        await time.WaitForActiveTimersAsync(1);

        // The pump's queue holds 1 more (item 3); item 4 finds it full and is dropped at once.
        set.Publish(3);
        set.Publish(4);
        waiting.DroppedCount.ShouldBe(1);

        // On the fake clock, item 2 is dropped at its timeout and not before.
        time.Advance(TimeSpan.FromMilliseconds(1_999));
        waiting.DroppedCount.ShouldBe(1);
        time.Advance(TimeSpan.FromMilliseconds(1));

        // The timer fired inside Advance (none armed); the pump counts item 2, then waits for room for item 3 (one armed).
        await time.WaitForActiveTimersAsync(1);
        waiting.DroppedCount.ShouldBe(2);

        // Ending the set stops the pump: item 3, still waiting for room, is dropped and counted too.
        set.Complete();
        (await ReadAllAsync(other)).ShouldBe([1, 2, 3, 4]);
        (await ReadAllAsync(waiting)).ShouldBe([1]);
        waiting.DroppedCount.ShouldBe(3);
        time.ActiveTimerCount.ShouldBe(0);
    }

    [Fact]
    public async Task Wait_delivers_everything_in_order_to_a_consumer_that_catches_up_within_the_timeout()
    {
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe(new SubscriptionOptions { Capacity = 4, Policy = SlowConsumerPolicy.Wait });
        for (var i = 1; i <= 8; i++)
        {
            set.Publish(i);
        }

        var items = await ReadAsync(subscription, 8).WithSafetyNet();
        items.ShouldBe(Enumerable.Range(1, 8));
        subscription.DroppedCount.ShouldBe(0);
    }

    [Theory]
    [InlineData(2, 5_000)] // room given back at every take
    [InlineData(64, 500)] // a larger buffer: the pump waits for room less often, with more updates in flight
    public async Task Wait_with_a_consumer_on_another_thread_wakes_its_pump_every_time_and_loses_nothing(int Capacity, int Bursts)
    {
        // Each burst fills the buffer and the pump's queue exactly, so the pump has to wait for room and be woken by the
        // consumer's takes, thousands of times, racing them. The clock never moves, so a lost wake-up would hang (the safety
        // net fails the test) instead of dropping at a timeout.
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe(new SubscriptionOptions { Capacity = Capacity, Policy = SlowConsumerPolicy.Wait });
        var taken = new SemaphoreSlim(0);
        var consumer = Task.Run(async () =>
        {
            var items = new List<int>();
            await foreach (var item in subscription)
            {
                items.Add(item);
                taken.Release();
                if (items.Count == Bursts * Capacity * 2)
                {
                    break;
                }
            }

            return items;
        });

        var next = 0;
        for (var burst = 0; burst < Bursts; burst++)
        {
            for (var i = 0; i < Capacity * 2; i++)
            {
                set.Publish(next++);
            }

            for (var i = 0; i < Capacity * 2; i++)
            {
                (await taken.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue($"The consumer stopped receiving in burst {burst}: the pump was not woken when room was made.");
            }
        }

        var received = await consumer.WithSafetyNet();
        received.ShouldBe(Enumerable.Range(0, next));
        subscription.DroppedCount.ShouldBe(0);
    }

    [Fact]
    public async Task Drop_oldest_with_a_concurrent_consumer_keeps_order_accounts_for_every_update_and_stays_bounded()
    {
        const int Capacity = 8;
        const int Updates = 200_000;
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe(new SubscriptionOptions { Capacity = Capacity, Policy = SlowConsumerPolicy.DropOldest });
        var consumer = Task.Run(() => ReadAsync(subscription, int.MaxValue));
        for (var i = 0; i < Updates; i++)
        {
            set.Publish(i);
        }

        // Nothing read yet past this point stays buffered: at most the capacity (the writer makes room itself).
        set.Complete();
        var received = await consumer.WithSafetyNet();
        received.Zip(received.Skip(1)).ShouldAllBe(pair => pair.First < pair.Second);
        (received.Count + subscription.DroppedCount).ShouldBe(Updates);
        received[^1].ShouldBe(Updates - 1);
    }

    private static Task<List<int>> ReadAllAsync(Subscription<int> subscription) => ReadAsync(subscription, int.MaxValue).WithSafetyNet();

    private static async Task<List<int>> ReadAsync(Subscription<int> subscription, int count)
    {
        var items = new List<int>();
        await foreach (var item in subscription)
        {
            items.Add(item);
            if (items.Count == count)
            {
                break;
            }
        }

        return items;
    }

    [Fact]
    public async Task Ending_the_enumeration_unsubscribes()
    {
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe();
        set.Count.ShouldBe(1);
        set.Publish(1);
        await foreach (var _ in subscription)
        {
            break;
        }

        set.Count.ShouldBe(0);
        subscription.IsActive.ShouldBeFalse();
        await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in subscription)
            {
            }
        });
    }

    [Fact]
    public async Task An_enumerator_disposed_before_it_started_leaves_the_subscription_active_and_buffered_updates_arrive_in_order()
    {
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe();
        await subscription.GetAsyncEnumerator().DisposeAsync();
        subscription.IsActive.ShouldBeTrue();
        set.Count.ShouldBe(1);

        set.Publish(1);
        set.Publish(2);
        set.Publish(3);
        set.Complete();
        var items = new List<int>();
        await foreach (var item in subscription)
        {
            items.Add(item);
        }

        items.ShouldBe([1, 2, 3]);
        subscription.IsActive.ShouldBeFalse();
        set.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Cancelling_the_enumeration_unsubscribes()
    {
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe();
        using var cts = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in subscription.WithCancellation(cts.Token))
            {
            }
        });
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => reading.WithSafetyNet());
        set.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData(SlowConsumerPolicy.Wait)]
    [InlineData(SlowConsumerPolicy.DropOldest)]
    public async Task A_pending_read_ends_at_once_with_the_enumeration_s_token_when_it_is_cancelled(SlowConsumerPolicy policy)
    {
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe(new SubscriptionOptions { Policy = policy });
        using var cancel = new CancellationTokenSource();
        var items = subscription.GetAsyncEnumerator(cancel.Token);
        set.Publish(1);
        (await items.MoveNextAsync().WithSafetyNet()).ShouldBeTrue();
        var pending = items.MoveNextAsync();
        pending.IsCompleted.ShouldBeFalse();

        await cancel.CancelAsync();
        var error = await Should.ThrowAsync<OperationCanceledException>(() => pending.WithSafetyNet());
        error.CancellationToken.ShouldBe(cancel.Token);
        subscription.IsActive.ShouldBeFalse();
        set.Count.ShouldBe(0);
        (await items.MoveNextAsync().WithSafetyNet()).ShouldBeFalse();
    }

    [Fact]
    public async Task A_token_cancelled_before_the_first_read_fails_it_even_with_updates_buffered()
    {
        var set = new SubscriptionSet<int>(new FakeTimeProvider());
        var subscription = set.Subscribe();
        set.Publish(1);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var items = subscription.GetAsyncEnumerator(cancel.Token);
        var error = await Should.ThrowAsync<OperationCanceledException>(() => items.MoveNextAsync().WithSafetyNet());
        error.CancellationToken.ShouldBe(cancel.Token);
        subscription.IsActive.ShouldBeFalse();
    }

    [Fact]
    public async Task A_read_racing_its_cancellation_always_ends()
    {
        // The read parks while another thread cancels at the same moment: a lost wake-up would leave it pending and fail the
        // safety net.
        for (var round = 0; round < 1_000; round++)
        {
            var set = new SubscriptionSet<int>(new FakeTimeProvider());
            var subscription = set.Subscribe(new SubscriptionOptions { Policy = round % 2 == 0 ? SlowConsumerPolicy.Wait : SlowConsumerPolicy.DropOldest });
            using var cancel = new CancellationTokenSource();
            using var start = new Barrier(2);
            var items = subscription.GetAsyncEnumerator(cancel.Token);
            var other = Task.Run(() =>
            {
                start.SignalAndWait();
                cancel.Cancel();
            });

            start.SignalAndWait();
            await Should.ThrowAsync<OperationCanceledException>(() => items.MoveNextAsync().WithSafetyNet(TimeSpan.FromSeconds(10)));
            await other.WithSafetyNet();
            subscription.IsActive.ShouldBeFalse($"round {round}");
        }
    }

    [Fact]
    public async Task A_closed_token_ends_every_subscription()
    {
        using var closed = new CancellationTokenSource();
        var set = new SubscriptionSet<int>(new FakeTimeProvider(), closed.Token);
        var subscription = set.Subscribe();
        await closed.CancelAsync();
        var count = 0;
        await foreach (var _ in subscription)
        {
            count++;
        }

        count.ShouldBe(0);
        set.Subscribe().IsActive.ShouldBeFalse();
    }
}
