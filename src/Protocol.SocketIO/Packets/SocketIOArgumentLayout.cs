
namespace Protocol.SocketIO;

/// <summary>
/// Where each argument of the packet just parsed lies, recorded by the parser while it validates the payload (it walks
/// every element anyway), so the mapping to a <see cref="MessageView"/> needs no second pass. Owned by one assembler
/// and reused for every packet: steady state allocates nothing.
/// </summary>
internal sealed class SocketIOArgumentLayout
{
    private ArgumentSlice[] _items = new ArgumentSlice[8];

    public int Count { get; private set; }

    public ReadOnlySpan<ArgumentSlice> Slices => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(ArgumentSlice slice)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = slice;
    }
}
