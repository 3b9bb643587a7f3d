namespace Protocol;

// Compares wire names as UTF-8 bytes, for grouping the dispatchers by name while the table is built (the receive path looks
// names up in the table's WireNameMap).
internal sealed class WireNameComparer : IEqualityComparer<byte[]>
{
    public static WireNameComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => WireNameMap<byte[]>.Hash(obj);
}
