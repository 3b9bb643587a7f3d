using System.Runtime.CompilerServices;

namespace Protocol;

/// <summary>
/// The Wait policy's buffer: rings of slots written by one writer at a time and read by the consumer alone, where the writer
/// and the reader share no cache line per update except the slot itself.
/// </summary>
/// <remarks>
/// Our own rather than the unbounded single-reader <c>Channel&lt;T&gt;</c> it replaced. On every update, the channel makes
/// the writer and the reader both touch two cache lines that one of them writes:
/// <list type="bullet">
/// <item>Its writers lock the item queue itself. The queue's header shares a cache line with the head pointer that the
/// reader loads on every read. Here the writers' gate is a counter on a line of its own, and the reader never touches it.</item>
/// <item>Its reader clears each slot as it takes it, in the line the writer is filling next. Here the reader clears slots
/// 8 at a time, once it has read all 8, which the writer has left by then. It also clears the slots it has read before it
/// waits.</item>
/// </list>
/// Measured against the channel, in 46 ABBA pairs of `--paired-tick-path` runs (benchmarks README, "Issue #9, session
/// 18"):
/// <list type="bullet">
/// <item>on two threads, a two-step tick fell from 1.26x to 1.20x the hand-written baseline (median; lower in 36 of the
/// 46 pairs), and the consumer waited on 0.107 ticks instead of 0.129;</item>
/// <item>on one thread (`TickCost`), the time was unchanged within noise (median 221 ns against 224 ns).</item>
/// </list>
/// A ring grows only when the writer gets a whole ring ahead of the reader: a new ring, twice the size, is linked after the
/// full one. The subscription's counters keep the bound, so in steady state nothing is allocated. After the reader has read
/// an update, at most the 7 others in its line stay referenced, until the reader reads on or waits.
/// </remarks>
/// <typeparam name="T">The update type.</typeparam>
internal sealed class RingSubscriptionBuffer<T> : SubscriptionBuffer<T>
{
    private const int FirstRing = 64;
    private const int LargestRing = 1 << 16;

    // The reader clears and publishes in steps of 8 slots, a cache line's worth of references (the array's data need not start
    // on a line, so a step may straddle two).
    private const int Line = 8;

    // The writers' gate: 1 while a writer writes. Alone on its line: the reader never reads it.
    private PaddedCount _gate;

    // The ring writers write into (moved on by a writer under the gate) and the ring the reader reads (moved on by the reader).
    private Ring _writing;
    private Ring _reading;

    public RingSubscriptionBuffer() => _writing = _reading = new Ring(FirstRing);

    /// <inheritdoc />
    public override bool TryWrite(T item)
    {
        if (Ended)
        {
            return false;
        }

        EnterGate();
        var ring = _writing;
        var written = ring.Writer.Count;
        if (written - ring.Writer.Seen >= ring.Slots.Length)
        {
            // Looks full: look at what the reader has given back since.
            ring.Writer.Seen = Volatile.Read(ref ring.Reader.Count);
            if (written - ring.Writer.Seen >= ring.Slots.Length)
            {
                ring = Grow(ring);
                written = 0;
            }
        }

        ring.Slots[written & ring.Mask] = item;
        Volatile.Write(ref ring.Writer.Count, written + 1);

        // Leaving the gate with an exchange is the full fence WakeReader needs.
        Interlocked.Exchange(ref _gate.Value, 0);
        WakeReader();
        return true;
    }

    /// <inheritdoc />
    public override bool TryRead(out T item)
    {
        var ring = _reading;
        if (ring.Reader.Next == ring.Reader.Seen && !Refresh(ref ring))
        {
            item = default!;
            return false;
        }

        var read = ring.Reader.Next;
        item = ring.Slots[read & ring.Mask];
        ring.Reader.Next = ++read;
        if ((read & (Line - 1)) == 0)
        {
            GiveBack(ring, read);
        }

        return true;
    }

    /// <inheritdoc />
    protected override bool HasItem()
    {
        var ring = _reading;
        return ring.Reader.Next != ring.Reader.Seen || Refresh(ref ring);
    }

    /// <inheritdoc />
    /// <remarks>What was read goes back now rather than when its line is done.</remarks>
    protected override void BeforeWait() => GiveBack(_reading, _reading.Reader.Next);

    // The reader has read its ring up to what it last saw of the writer's count: looks at the count again, and moves on to
    // the next ring when this one is done (a ring is linked only after its last write, so its count is final once a next
    // one exists). True when there is an update to read in `ring`, which may now be the next ring.
    private bool Refresh(ref Ring ring)
    {
        while (true)
        {
            ring.Reader.Seen = Volatile.Read(ref ring.Writer.Count);
            if (ring.Reader.Next != ring.Reader.Seen)
            {
                return true;
            }

            if (Volatile.Read(ref ring.Next) is not { } next)
            {
                return false;
            }

            // Linked: this ring's count is final, but may have grown since the look above.
            ring.Reader.Seen = Volatile.Read(ref ring.Writer.Count);
            if (ring.Reader.Next != ring.Reader.Seen)
            {
                return true;
            }

            _reading = ring = next;
        }
    }

    // Clears the slots read since the last give-back and publishes the count, so that the writer may write into them again.
    // Cleared first: once counted, a slot may be written at once.
    private static void GiveBack(Ring ring, long read)
    {
        var given = ring.Reader.Count;
        if (given == read)
        {
            return;
        }

        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            for (var i = given; i < read; i++)
            {
                ring.Slots[i & ring.Mask] = default!;
            }
        }

        Volatile.Write(ref ring.Reader.Count, read);
    }

    // Under the gate: the ring is full, so the update goes into a new one twice the size, linked after it.
    private Ring Grow(Ring full)
    {
        var next = new Ring(Math.Min(full.Slots.Length * 2, LargestRing));
        Volatile.Write(ref full.Next, next);
        _writing = next;
        return next;
    }

    // Writers are one at a time; the gate is held for a few stores (and, rarely, a new ring), so a second writer spins, and
    // SpinWait yields and sleeps the longer it takes.
    private void EnterGate()
    {
        if (Interlocked.CompareExchange(ref _gate.Value, 1, 0) == 0)
        {
            return;
        }

        var spin = default(SpinWait);
        do
        {
            spin.SpinOnce();
        }
        while (Interlocked.CompareExchange(ref _gate.Value, 1, 0) != 0);
    }

    // One ring: its slots, and each side's counts on lines of their own.
    private sealed class Ring(int size)
    {
        public readonly T[] Slots = new T[size];
        public readonly int Mask = size - 1;

        // Set once, by the writer that found this ring full, after which nothing is written here.
        public Ring? Next;

        public RingCounts Writer;
        public RingCounts Reader;
    }
}
