using System.Globalization;
using System.Runtime.CompilerServices;
using Protocol.Testing;

namespace Protocol.Core.Tests.Subscriptions;

/// <summary>
/// The Wait policy's buffer beyond what every buffer does (SubscriptionBufferTests): its rings grow when the writer gets
/// ahead of the reader, without losing or reordering an update at a ring's boundary, and what the reader took is not kept
/// alive by the buffer.
/// </summary>
public sealed class RingSubscriptionBufferTests
{
    [Fact]
    public async Task A_reader_far_behind_makes_the_rings_grow_and_still_reads_everything_in_order()
    {
        var buffer = new RingSubscriptionBuffer<int>();
        var written = 0;
        var read = 0;

        // Reads and writes in uneven steps, so that reads stop and start inside a ring, at its end and across the link to
        // the next one; 150,000 ahead at most is more than the largest ring, so that one is followed by another.
        foreach (var (write, take) in new[] { (10, 3), (100, 50), (1_000, 1_000), (5_000, 17), (150_000, 120_000), (3, 40_000) })
        {
            for (var i = 0; i < write; i++)
            {
                buffer.TryWrite(written++).ShouldBeTrue();
            }

            for (var i = 0; i < take && read < written; i++)
            {
                buffer.TryRead(out var item).ShouldBeTrue($"read {read} of {written}");
                item.ShouldBe(read++);
            }
        }

        while (buffer.TryRead(out var rest))
        {
            rest.ShouldBe(read++);
        }

        read.ShouldBe(written);
        buffer.Complete(null);
        (await buffer.WaitToReadAsync().WithSafetyNet()).ShouldBeFalse();
    }

    [Fact]
    public async Task A_writer_running_ahead_of_a_concurrent_reader_loses_nothing_across_ring_boundaries()
    {
        // Every Pause updates the reader stops until the writer is Ahead further on (more than the largest ring), so the
        // writer links new rings while the reader is still inside an old one; no clock involved, only the writer's progress.
        const int Count = 300_000;
        const int Pause = 5_000;
        const int Ahead = 70_000;
        var buffer = new RingSubscriptionBuffer<int>();
        using var writerAhead = new SemaphoreSlim(0);
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < Count; i++)
            {
                buffer.TryWrite(i).ShouldBeTrue();
                var written = i + 1;
                if (written >= Pause + Ahead && (written - Ahead) % Pause == 0)
                {
                    writerAhead.Release();
                }
            }

            // The pauses the writer could not get that far ahead of.
            writerAhead.Release(Count / Pause);
            buffer.Complete(null);
        });

        var next = 0;
        while (await buffer.WaitToReadAsync().WithSafetyNet(TimeSpan.FromSeconds(30)))
        {
            while (buffer.TryRead(out var item))
            {
                item.ShouldBe(next++);
                if (next % Pause == 0)
                {
                    (await writerAhead.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue($"the writer did not get past {next + Ahead}");
                }
            }
        }

        await writer.WithSafetyNet();
        next.ShouldBe(Count);
    }

    [Fact]
    public async Task Null_updates_are_read_in_their_place_including_across_a_ring_boundary()
    {
        // The reader tells a written slot by its flag, not by a non-null item: a null update (a SubscriptionSet<string?>
        // may publish one) must neither stop the reader nor be skipped. 200 updates, every third null, cross the first ring
        // (64 slots) and the one linked after it while nothing is read.
        var buffer = new RingSubscriptionBuffer<string?>();
        var expected = Enumerable.Range(0, 200).Select(static i => i % 3 == 0 ? null : i.ToString(CultureInfo.InvariantCulture)).ToArray();
        foreach (var update in expected)
        {
            buffer.TryWrite(update).ShouldBeTrue();
        }

        var read = new List<string?>();
        while (buffer.TryRead(out var update))
        {
            read.Add(update);
        }

        read.ShouldBe(expected);

        // And a null written while the reader waits wakes it and is read.
        var wait = buffer.WaitToReadAsync();
        wait.IsCompleted.ShouldBeFalse();
        buffer.TryWrite(null).ShouldBeTrue();
        (await wait.WithSafetyNet()).ShouldBeTrue();
        buffer.TryRead(out var last).ShouldBeTrue();
        last.ShouldBeNull();
        buffer.TryRead(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task What_the_reader_took_is_not_kept_alive_by_the_buffer()
    {
        var buffer = new RingSubscriptionBuffer<object>();

        // A whole line read: let go at once. Then three more, and a wait: what was read before a wait is let go too.
        var lineRead = WriteAndRead(buffer, write: 8, read: 8);
        var beforeWait = WriteAndRead(buffer, write: 3, read: 3);
        var wait = buffer.WaitToReadAsync();
        wait.IsCompleted.ShouldBeFalse();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        lineRead.Count(r => r.IsAlive).ShouldBe(0, "updates of a line the reader finished are still referenced");
        beforeWait.Count(r => r.IsAlive).ShouldBe(0, "updates read before the reader waited are still referenced");

        buffer.Complete(null);
        (await wait.WithSafetyNet()).ShouldBeFalse();
    }

    // Not inlined, so that no reference to the updates is left in the test's own frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] WriteAndRead(RingSubscriptionBuffer<object> buffer, int write, int read)
    {
        var updates = new WeakReference[write];
        for (var i = 0; i < write; i++)
        {
            var update = new object();
            updates[i] = new WeakReference(update);
            buffer.TryWrite(update).ShouldBeTrue();
        }

        for (var i = 0; i < read; i++)
        {
            buffer.TryRead(out _).ShouldBeTrue();
        }

        return updates;
    }
}
