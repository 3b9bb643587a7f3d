using Protocol.Testing;

namespace Protocol.Core.Tests.Subscriptions;

/// <summary>
/// A subscription's lock-free buffer behaves as the channel it replaced did for its one reader: nothing written is lost or
/// read twice, a waiting reader always wakes for a write, completion or cancellation (however they race with its wait), and
/// what was written before the end is still read.
/// </summary>
public sealed class SubscriptionBufferTests
{
    [Fact]
    public async Task What_was_written_before_the_end_is_read_then_the_end_is_seen_or_its_error_thrown()
    {
        var buffer = new SubscriptionBuffer<int>();
        buffer.TryWrite(1).ShouldBeTrue();
        buffer.TryWrite(2).ShouldBeTrue();
        buffer.Complete(null);
        buffer.TryWrite(3).ShouldBeFalse();

        (await buffer.WaitToReadAsync(CancellationToken.None).WithSafetyNet()).ShouldBeTrue();
        buffer.TryRead(out var first).ShouldBeTrue();
        buffer.TryRead(out var second).ShouldBeTrue();
        (first, second).ShouldBe((1, 2));
        (await buffer.WaitToReadAsync(CancellationToken.None).WithSafetyNet()).ShouldBeFalse();

        var failed = new SubscriptionBuffer<int>();
        failed.TryWrite(7);
        var error = new InvalidOperationException("the client closed");
        failed.Complete(error);
        failed.Complete(null); // the first end stands
        (await failed.WaitToReadAsync(CancellationToken.None).WithSafetyNet()).ShouldBeTrue();
        failed.TryRead(out var seven).ShouldBeTrue();
        seven.ShouldBe(7);
        (await Should.ThrowAsync<InvalidOperationException>(() => failed.WaitToReadAsync(CancellationToken.None).WithSafetyNet())).ShouldBeSameAs(error);
    }

    [Fact]
    public async Task A_waiting_reader_wakes_for_a_write_and_for_the_end()
    {
        var buffer = new SubscriptionBuffer<string>();
        var wait = buffer.WaitToReadAsync(CancellationToken.None);
        wait.IsCompleted.ShouldBeFalse();
        buffer.TryWrite("tick");
        (await wait.WithSafetyNet()).ShouldBeTrue();
        buffer.TryRead(out var tick).ShouldBeTrue();
        tick.ShouldBe("tick");

        var end = buffer.WaitToReadAsync(CancellationToken.None);
        end.IsCompleted.ShouldBeFalse();
        buffer.Complete(null);
        (await end.WithSafetyNet()).ShouldBeTrue(); // look again...
        (await buffer.WaitToReadAsync(CancellationToken.None).WithSafetyNet()).ShouldBeFalse(); // ...and the end is there
    }

    [Fact]
    public async Task A_cancelled_wait_throws_with_its_token_and_the_next_wait_still_works()
    {
        var buffer = new SubscriptionBuffer<int>();
        using var cancel = new CancellationTokenSource();
        var wait = buffer.WaitToReadAsync(cancel.Token);
        await cancel.CancelAsync();
        var error = await Should.ThrowAsync<OperationCanceledException>(() => wait.WithSafetyNet());
        error.CancellationToken.ShouldBe(cancel.Token);

        // Already cancelled: at once, without waiting.
        Should.Throw<OperationCanceledException>(() => buffer.WaitToReadAsync(cancel.Token).GetAwaiter().GetResult());

        var next = buffer.WaitToReadAsync(CancellationToken.None);
        buffer.TryWrite(5);
        (await next.WithSafetyNet()).ShouldBeTrue();
        buffer.TryRead(out var five).ShouldBeTrue();
        five.ShouldBe(5);
    }

    [Fact]
    public async Task A_wait_racing_a_write_a_completion_or_a_cancellation_always_ends()
    {
        // The wait arms while another thread writes, completes or cancels at the same moment: whichever side comes first, the
        // wait ends (a lost wake-up would leave it pending and fail the safety net).
        for (var round = 0; round < 3_000; round++)
        {
            var buffer = new SubscriptionBuffer<int>();
            using var cancel = new CancellationTokenSource();
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
                        cancel.Cancel();
                        break;
                }
            });

            start.SignalAndWait();
            bool more;
            try
            {
                more = await buffer.WaitToReadAsync(cancel.Token).WithSafetyNet(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException) when (race == 2)
            {
                await other.WithSafetyNet();
                continue;
            }

            await other.WithSafetyNet();
            if (race == 0)
            {
                more.ShouldBeTrue($"round {round}");
                buffer.TryRead(out var item).ShouldBeTrue($"round {round}");
                item.ShouldBe(round);
            }
            else if (race == 1)
            {
                // True means "look again"; looking again then shows the end.
                (more && await buffer.WaitToReadAsync(CancellationToken.None).WithSafetyNet()).ShouldBeFalse($"round {round}");
            }
        }
    }

    [Fact]
    public async Task Concurrent_writers_lose_nothing_and_keep_each_writer_s_order()
    {
        const int Writers = 3;
        const int PerWriter = 20_000;
        var buffer = new SubscriptionBuffer<(int Writer, int Sequence)>();
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
        while (await buffer.WaitToReadAsync(CancellationToken.None).WithSafetyNet(TimeSpan.FromSeconds(30)))
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
