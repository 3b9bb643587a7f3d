using System.Numerics;
using System.Text;

namespace Protocol;

// Turns names that arrive from the wire (event and action names) into metric tag values without letting a hostile or
// buggy server explode the number of series: the first `limit` distinct names are kept, every later one is reported
// as "other". Keyed by the UTF-8 bytes, so a known name costs a hash and a compare and allocates nothing.
//
// Reads are lock-free: a fixed open-addressing table whose slots are written once (a fully built entry published with
// Volatile.Write) and never moved or removed, so a reader sees either null or a complete entry. Only the first sighting
// of a name (at most `limit` times per client) takes the lock; once the table is full, unknown names skip it too.
internal sealed class WireNameTags
{
    // Longer names are reported as "other": bounds the memory a hostile server can pin to limit × MaxNameBytes.
    public const int MaxNameBytes = 128;

    private readonly Entry?[] _slots;
    private readonly int _limit;
    private readonly Lock _gate = new();
    private int _count;

    public WireNameTags(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        _limit = limit;

        // A power of two at least 4× the limit keeps probe sequences short even when full.
        _slots = new Entry?[(int)Math.Max(16, BitOperations.RoundUpToPowerOf2((uint)limit * 4))];
    }

    // How many distinct names are kept (at most the limit).
    public int Count => Volatile.Read(ref _count);

    public string Get(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxNameBytes)
        {
            return ProtocolTelemetry.OtherTagValue;
        }

        var hash = Hash(name);
        if (Find(name, hash) is { } known)
        {
            return known;
        }

        if (Volatile.Read(ref _count) >= _limit)
        {
            return ProtocolTelemetry.OtherTagValue;
        }

        lock (_gate)
        {
            // Another thread may have added it (or filled the table) since the lock-free probe.
            if (Find(name, hash) is { } added)
            {
                return added;
            }

            if (_count >= _limit)
            {
                return ProtocolTelemetry.OtherTagValue;
            }

            var entry = new Entry(name.ToArray(), Encoding.UTF8.GetString(name), hash);
            var mask = _slots.Length - 1;
            var index = hash & mask;
            while (_slots[index] is not null)
            {
                index = (index + 1) & mask;
            }

            Volatile.Write(ref _slots[index], entry);
            Volatile.Write(ref _count, _count + 1);
            return entry.Value;
        }
    }

    // For names the code holds as strings (declared message names): the same cap and the same table.
    public string Get(string name)
    {
        if (name.Length > MaxNameBytes)
        {
            return ProtocolTelemetry.OtherTagValue;
        }

        // At most 3 UTF-8 bytes per UTF-16 unit; a longer encoding is then refused by the span overload.
        Span<byte> buffer = stackalloc byte[MaxNameBytes * 3];
        var written = Encoding.UTF8.GetBytes(name, buffer);
        return Get(buffer[..written]);
    }

    private string? Find(ReadOnlySpan<byte> name, int hash)
    {
        var mask = _slots.Length - 1;
        var index = hash & mask;
        while (Volatile.Read(ref _slots[index]) is { } entry)
        {
            if (entry.Hash == hash && name.SequenceEqual(entry.Key))
            {
                return entry.Value;
            }

            index = (index + 1) & mask;
        }

        return null;
    }

    private static int Hash(ReadOnlySpan<byte> name)
    {
        var hash = default(HashCode);
        hash.AddBytes(name);
        return hash.ToHashCode() & int.MaxValue;
    }

    private sealed record Entry(byte[] Key, string Value, int Hash);
}
