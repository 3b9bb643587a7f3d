namespace Protocol;

/// <summary>
/// The Wait policy's buffer: rings of slots written by one writer at a time and read by the consumer alone, where the writer
/// and the reader share no cache line per update except the slot itself.
/// </summary>
/// <remarks>
/// Our own rather than the unbounded single-reader <c>Channel&lt;T&gt;</c> it replaced. On every update, the channel makes
/// the writer and the reader both touch cache lines that the other one writes:
/// <list type="bullet">
/// <item>Its writers lock the item queue itself. The queue's header shares a cache line with the head pointer that the
/// reader loads on every read. Here the writers' gate is a counter on a line of its own, and the reader never touches it.</item>
/// <item>Its reader, having caught up, loads the queue's tail, which the writer moves on every write. Here each slot carries
/// a flag that says it was written, so a reader that caught up looks at the next slot alone; the writer's count is on a
/// line only writers touch.</item>
/// <item>Its reader clears each slot as it takes it, in the line the writer is filling next. Here the reader clears slots
/// 8 at a time, once it has read all 8, which the writer has left by then. It also clears the slots it has read before it
/// waits. A cleared slot's flag is down, so a set flag is always the current round's write.</item>
/// </list>
/// Measured against the channel in ABBA pairs of `--paired-tick-path` runs (benchmarks README, "Issue #9"): with the
/// reader following the writer's count (session 18), a two-step tick on two threads fell from 1.26x to 1.20x the
/// hand-written baseline (median of 46 pairs); with the slot flags instead (session 20), to about 1.0x.
/// A ring grows only when the writer gets a whole ring ahead of the reader: a new ring, twice the size, is linked after the
/// full one. The subscription's counters keep the bound, so in steady state nothing is allocated. After the reader has read
/// an update, at most 7 other updates it read stay referenced, until the reader reads on or waits.
/// </remarks>
/// <typeparam name="T">The update type.</typeparam>
internal sealed class RingSubscriptionBuffer<T> : SubscriptionBuffer<T>
{
    private const int FirstRing = 64;
    private const int LargestRing = 1 << 16;

    // The reader clears and publishes in steps of 8 slots (two cache lines of 16-byte slots for a reference type; a step
    // may straddle lines, as the array's data need not start on one). Less than a ring, so that a slot's previous update
    // is always cleared before the reader comes round to it again.
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

        // The flag is the reader's only sign of the update (the reader never looks at the writer's count), stored after it.
        ref var slot = ref ring.Slots[written & ring.Mask];
        slot.Item = item;
        Volatile.Write(ref slot.Written, true);
        ring.Writer.Count = written + 1;

        // Leaving the gate with an exchange is the full fence WakeReader needs.
        Interlocked.Exchange(ref _gate.Value, 0);
        WakeReader();
        return true;
    }

    /// <inheritdoc />
    public override bool TryRead(out T item)
    {
        var ring = _reading;
        if (!IsWritten(ring) && !Refresh(ref ring))
        {
            item = default!;
            return false;
        }

        var read = ring.Reader.Next;
        item = ring.Slots[read & ring.Mask].Item;
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
        return IsWritten(ring) || Refresh(ref ring);
    }

    /// <inheritdoc />
    /// <remarks>What was read goes back now rather than when its line is done.</remarks>
    protected override void BeforeWait() => GiveBack(_reading, _reading.Reader.Next);

    // The reader found its next slot empty: moves on to the next ring when this one is done (a ring is linked only after its
    // last write, so an empty slot is final once a next one exists). True when there is an update to read in `ring`, which
    // may now be the next ring.
    private bool Refresh(ref Ring ring)
    {
        while (true)
        {
            if (Volatile.Read(ref ring.Next) is not { } next)
            {
                return false;
            }

            // Linked: the slot may have been written since the look before.
            if (IsWritten(ring))
            {
                return true;
            }

            _reading = ring = next;
            if (IsWritten(ring))
            {
                return true;
            }
        }
    }

    // Whether the reader's next slot holds an update. Its previous update (a ring's length back) was cleared when the reader
    // gave its step back, so a set flag is this round's write.
    private static bool IsWritten(Ring ring) => Volatile.Read(ref ring.Slots[ring.Reader.Next & ring.Mask].Written);

    // Clears the slots read since the last give-back and publishes the count, so that the writer may write into them again.
    // Cleared first: once counted, a slot may be written at once.
    private static void GiveBack(Ring ring, long read)
    {
        var given = ring.Reader.Count;
        if (given == read)
        {
            return;
        }

        for (var i = given; i < read; i++)
        {
            ring.Slots[i & ring.Mask] = default;
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
        public readonly Slot[] Slots = new Slot[size];
        public readonly int Mask = size - 1;

        // Set once, by the writer that found this ring full, after which nothing is written here.
        public Ring? Next;

        public RingCounts Writer;
        public RingCounts Reader;
    }

    // An update and the flag that says it was written: a flag rather than a null check, so that null and value-type updates
    // are written like any other.
    private struct Slot
    {
        public T Item;
        public bool Written;
    }
}
