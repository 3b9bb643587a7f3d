using System.Text.Json;

namespace Protocol.SocketIO;

/// <summary>
/// The arguments of a decoded EVENT / ACK, each as the raw JSON of one value (<c>{"a":1}</c>, <c>"x"</c>, <c>42</c>).
/// Build a <see cref="Utf8JsonReader"/> over an argument to read it. Enumerating allocates nothing; it re-reads only the
/// argument bytes, never the packet header. Valid as long as the packet it came from.
/// </summary>
public readonly ref struct SocketIOArguments
{
    private readonly ReadOnlySpan<byte> _json;

    internal SocketIOArguments(ReadOnlySpan<byte> json, int count)
    {
        _json = json;
        Count = count;
    }

    /// <summary>Number of arguments.</summary>
    public int Count { get; }

    /// <summary>All arguments as comma-separated JSON values.</summary>
    public ReadOnlySpan<byte> Json => _json;

    /// <summary>The raw JSON of argument <paramref name="index"/> (0-based, after the event name). O(bytes before it).</summary>
    /// <param name="index">0-based argument index.</param>
    /// <returns>The JSON of one value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The packet has fewer arguments.</exception>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The packet has {Count} argument(s); check Count before indexing.");
            }

            Enumerator e = GetEnumerator();
            for (int i = 0; i <= index; i++)
            {
                e.MoveNext();
            }

            return e.Current;
        }
    }

    /// <summary>Enumerates the arguments.</summary>
    /// <returns>An allocation-free enumerator.</returns>
    public Enumerator GetEnumerator() => new(_json);

    /// <summary>Allocation-free enumerator over the arguments.</summary>
    public ref struct Enumerator
    {
        private ReadOnlySpan<byte> _remaining;

        internal Enumerator(ReadOnlySpan<byte> json)
        {
            _remaining = json;
            Current = default;
        }

        /// <summary>The raw JSON of the current argument.</summary>
        public ReadOnlySpan<byte> Current { get; private set; }

        /// <summary>Moves to the next argument.</summary>
        /// <returns>False when there are no more.</returns>
        public bool MoveNext()
        {
            ReadOnlySpan<byte> rest = _remaining.TrimStart(" \t\r\n"u8);
            if (!rest.IsEmpty && rest[0] == (byte)',')
            {
                rest = rest[1..].TrimStart(" \t\r\n"u8);
            }

            if (rest.IsEmpty)
            {
                _remaining = default;
                return false;
            }

            // The JSON was validated by the decoder; one reader reads exactly one value and stops before the ','.
            var reader = new Utf8JsonReader(rest, new JsonReaderOptions { MaxDepth = SocketIOPacketParser.MaxJsonDepth, AllowMultipleValues = true });
            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            int end = (int)reader.BytesConsumed;
            Current = rest[..end];
            _remaining = rest[end..];
            return true;
        }
    }
}
