using System.Runtime.InteropServices;

namespace Protocol;

// One counter alone on its cache line: 64 bytes of padding on each side wherever the struct lands in its object, as
// ConcurrentQueue pads its head and tail. A counter written by one thread and read by another then evicts nothing else.
// (Outside Subscription<T>: a generic type cannot have an explicit layout.)
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct PaddedCount
{
    [FieldOffset(64)]
    public long Value;
}
