using System.Runtime.InteropServices;

namespace Protocol;

// One side's counts of a RingSubscriptionBuffer ring, alone on their cache line (64 bytes of padding on each side, as
// PaddedCount). Writer: Count (written; writers' own, the reader goes by the slots' flags) and Seen (the reader's Count when
// last looked at). Reader: Next (read so far) and Count (given back, published). Reader.Seen is unused.
// (Outside the buffer: a generic type cannot have an explicit layout.)
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct RingCounts
{
    [FieldOffset(64)]
    public long Count;

    [FieldOffset(72)]
    public long Seen;

    [FieldOffset(80)]
    public long Next;
}
