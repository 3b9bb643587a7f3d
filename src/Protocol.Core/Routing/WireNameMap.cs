using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Protocol;

// The dispatch table's frozen map from a wire name (UTF-8) to its value, looked up with the received name's bytes. Our own
// rather than Dictionary's alternate lookup or a FrozenDictionary: those reach the comparer through interface calls and hash
// every byte of the name (HashCode.AddBytes, four calls for a 12-byte name), a measurable part of routing a tick. Here the
// hash is a few loads and multiplies inlined in the lookup (the length and the first and last 8 bytes, which tell the
// declared names of a platform apart), and equality is one SequenceEqual. Only declared names are stored, at build time, and
// the table is at most half full: a name from the wire, hostile or not, costs one probe sequence and is never inserted.
internal sealed class WireNameMap<TValue>
    where TValue : class
{
    private readonly byte[]?[] _keys;
    private readonly TValue?[] _values;
    private readonly int _mask;

    public WireNameMap(IEnumerable<KeyValuePair<byte[], TValue>> entries)
    {
        var list = entries.ToList();
        var size = 2;
        while (size < list.Count * 2)
        {
            size *= 2;
        }

        _keys = new byte[]?[size];
        _values = new TValue?[size];
        _mask = size - 1;
        foreach (var (key, value) in list)
        {
            var slot = Hash(key) & _mask;
            while (_keys[slot] is { } taken)
            {
                if (taken.AsSpan().SequenceEqual(key))
                {
                    throw new ArgumentException($"The wire name '{System.Text.Encoding.UTF8.GetString(key)}' was given twice.", nameof(entries));
                }

                slot = (slot + 1) & _mask;
            }

            _keys[slot] = key;
            _values[slot] = value;
        }

        Count = list.Count;
    }

    public int Count { get; }

    public bool TryGetValue(ReadOnlySpan<byte> name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
    {
        // Ends at an empty slot: there is always one, the table being at most half full.
        var keys = _keys;
        var slot = Hash(name) & _mask;
        while (keys[slot] is { } key)
        {
            if (name.SequenceEqual(key))
            {
                value = _values[slot]!;
                return true;
            }

            slot = (slot + 1) & _mask;
        }

        value = null;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Hash(ReadOnlySpan<byte> name)
    {
        ulong head;
        ulong tail;
        ref var start = ref MemoryMarshal.GetReference(name);
        var length = name.Length;
        if (length >= 8)
        {
            head = Unsafe.ReadUnaligned<ulong>(ref start);
            tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8));
        }
        else if (length >= 4)
        {
            head = Unsafe.ReadUnaligned<uint>(ref start);
            tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, length - 4));
        }
        else if (length > 0)
        {
            head = start | ((ulong)Unsafe.Add(ref start, length / 2) << 8) | ((ulong)Unsafe.Add(ref start, length - 1) << 16);
            tail = 0;
        }
        else
        {
            return 0;
        }

        // Two odd 64-bit constants (from xxHash64) spread the bytes over the high half, which the fold brings down.
        var mixed = ((head * 0x9E3779B185EBCA87UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL)) + (ulong)length;
        return (int)(mixed >> 32) ^ (int)mixed;
    }
}
