using Protocol.Testing;

namespace Protocol.Core.Tests.Subscriptions;

/// <summary>
/// A subscription's buffer, of either kind (Wait: the rings; the drop policies: the lock-free queue): nothing
/// written is lost or read twice, a waiting reader always wakes for a write or the end (however they race with its wait), and
/// what was written before the end is still read. Cancellation is the enumerator's (SubscriptionTests).
/// </summary>
public sealed class SubscriptionBufferTests
{
    [Theory]
    [InlineData(SlowConsumerPolicy.Wait)]
    [InlineData(SlowConsumerPolicy.DropOldest)]
    public async Task What_was_written_before_the_end_is_read_then_the_end_is_seen_or_its_error_thrown(SlowConsumerPolicy policy)
    {
        var buffer = SubscriptionBuffer<int>.Create(policy);
        buffer.TryWrite(1).ShouldBeTrue();
        buffer.TryWrite(2).ShouldBeTrue();
        buffer.Complete(null);
        buffer.TryWrite(3).ShouldBeFalse();

        (await buffer.WaitToReadAsync().WithSafetyNet()).ShouldBeTrue();
        buffer.TryRead(out var first).ShouldBeTrue();
        buffer.TryRead(out var second).ShouldBeTrue();
        (first, second).ShouldBe((1, 2));
        (await buffer.WaitToReadAsync().WithSafetyNet()).ShouldBeFalse();

        var failed = SubscriptionBuffer<int>.Create(policy);
        failed.TryWrite(7);
        var error = new InvalidOperationException("the client closed");
        failed.Complete(error);
        failed.Complete(null); // the first end stands
        (await failed.WaitToReadAsync().WithSafetyNet()).ShouldBeTrue();
        failed.TryRead(out var seven).ShouldBeTrue();
        seven.ShouldBe(7);
        (await Should.ThrowAsync<InvalidOperationException>(() => failed.WaitToReadAsync().WithSafetyNet())).ShouldBeSameAs(error);
    }

    [Theory]
    [InlineData(SlowConsumerPolicy.Wait)]
    [InlineData(SlowConsumerPolicy.DropOldest)]
    public async Task A_waiting_reader_wakes_for_a_write_and_for_the_end(SlowConsumerPolicy policy)
    {
        var buffer = SubscriptionBuffer<string>.Create(policy);
        var wait = buffer.WaitToReadAsync();
        wait.IsCompleted.ShouldBeFalse();
        buffer.TryWrite("tick");
        (await wait.WithSafetyNet()).ShouldBeTrue();
        buffer.TryRead(out var tick).ShouldBeTrue();
        tick.ShouldBe("tick");

        var end = buffer.WaitToReadAsync();
        end.IsCompleted.ShouldBeFalse();
        buffer.Complete(null);
        (await end.WithSafetyNet()).ShouldBeFalse();
    }

    [Fact]
    public async Task A_wait_racing_a_write_a_completion_or_a_cancellation_always_ends()
    {
        // The wait arms while another thread writes, completes, or cancels (an enumeration's cancellation completes the buffer
        // with an OperationCanceledException) at the same moment: whichever side comes first, the wait ends (a lost wake-up
        // would leave it pending and fail the safety net).
        for (var round = 0; round < 3_000; round++)
        {
            var buffer = SubscriptionBuffer<int>.Create(round % 2 == 0 ? SlowConsumerPolicy.Wait : SlowConsumerPolicy.DropOldest);
            var cancelled = new OperationCanceledException("the enumeration was cancelled");
            using var start = new Barrier(2);
            var race = round % 3;
            var other = Task.Run(() =>
            {
                start.SignalAndWait();
                switch (race)
                {
                    case 0:
                        buffer.TryWrite(round);
                        break;
                    case 1:
                        buffer.Complete(null);
                        break;
                    default:
                        buffer.Complete(cancelled);
                        break;
                }
            });

            start.SignalAndWait();
            bool more;
            try
            {
                more = await buffer.WaitToReadAsync().WithSafetyNet(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException error) when (race == 2)
            {
                error.ShouldBeSameAs(cancelled);
                await other.WithSafetyNet();
                continue;
            }

            await other.WithSafetyNet();
            race.ShouldNotBe(2, $"round {round}: the wait ended without the cancellation's error");
            if (race == 0)
            {
                more.ShouldBeTrue($"round {round}");
                buffer.TryRead(out var item).ShouldBeTrue($"round {round}");
                item.ShouldBe(round);
            }
            else
            {
                more.ShouldBeFalse($"round {round}");
            }
        }
    }

    [Theory]
    [InlineData(SlowConsumerPolicy.Wait)]
    [InlineData(SlowConsumerPolicy.DropOldest)]
    public async Task Concurrent_writers_lose_nothing_and_keep_each_writer_s_order(SlowConsumerPolicy policy)
    {
        const int Writers = 3;
        const int PerWriter = 20_000;
        var buffer = SubscriptionBuffer<(int Writer, int Sequence)>.Create(policy);
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                buffer.TryWrite((w, i)).ShouldBeTrue();
            }
        })).ToArray();
        var ended = Task.WhenAll(writers).ContinueWith(_ => buffer.Complete(null), TaskScheduler.Default);

        var next = new int[Writers];
        var read = 0;
        while (await buffer.WaitToReadAsync().WithSafetyNet(TimeSpan.FromSeconds(30)))
        {
            while (buffer.TryRead(out var item))
            {
                item.Sequence.ShouldBe(next[item.Writer], $"writer {item.Writer}");
                next[item.Writer]++;
                read++;
            }
        }

        await ended.WithSafetyNet();
        read.ShouldBe(Writers * PerWriter);
        next.ShouldAllBe(n => n == PerWriter);
    }
}
