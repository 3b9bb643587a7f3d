using System.ComponentModel;
using System.Text.Json;

namespace Protocol.Infrastructure;

/// <summary>
/// Binary members (<c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>) of generated messages. Inside a message with attachments
/// (Socket.IO's two-step form) a binary value is a reference to attachment k, <c>{"_placeholder":true,"num":k}</c>, at any depth
/// of an argument (read by the same rule as a whole-argument placeholder: other keys ignored, as socket.io-parser does);
/// elsewhere it is a base64 string (System.Text.Json's form), and a reader also takes an array of byte numbers.
/// </summary>
/// <remarks>
/// The attachments travel beside the reader and the writer, on the thread, for the one synchronous read or write: a
/// generated reader's signature (<c>TryRead(ref Utf8JsonReader, out T)</c>) has no room for them and nested types share it.
/// Only types with binary members (at any depth) open a scope, so every other message pays nothing.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WireBinary
{
    [ThreadStatic]
    private static ReadOnlyMemory<byte>[]? t_read;

    [ThreadStatic]
    private static int t_readCount;

    [ThreadStatic]
    private static List<ReadOnlyMemory<byte>>? t_written;

    /// <summary>Whether a <see cref="BeginWrite"/> scope is open on this thread (binary values become attachment references).</summary>
    public static bool IsCollecting => t_written is not null;

    /// <summary>How many attachments the open <see cref="BeginWrite"/> scope has collected so far (0 when none is open).</summary>
    public static int CollectedCount => t_written?.Count ?? 0;

    /// <summary>Makes <paramref name="attachments"/> the ones binary members read from, until the scope is disposed.</summary>
    /// <param name="attachments">The message's attachments (<see cref="MessageView.Attachments"/>), valid for the scope.</param>
    /// <returns>The scope; dispose it when the read is done (restores the enclosing scope's attachments).</returns>
    public static ReadScope EnterRead(ReadOnlySpan<ReadOnlyMemory<byte>> attachments)
    {
        var scope = new ReadScope(t_read, t_readCount);
        if (attachments.IsEmpty)
        {
            t_read = null;
            t_readCount = 0;
            return scope;
        }

        // Only messages with binary members and attachments get here: one small array per read keeps nesting simple.
        var copy = attachments.ToArray();
        t_read = copy;
        t_readCount = attachments.Length;
        return scope;
    }

    /// <summary>
    /// Starts collecting attachments: until <see cref="EndWrite"/>, <see cref="Write(Utf8JsonWriter, ReadOnlyMemory{byte})"/>
    /// writes a reference to a new attachment instead of base64.
    /// </summary>
    /// <exception cref="InvalidOperationException">A collection is already open on this thread.</exception>
    public static void BeginWrite()
    {
        if (t_written is not null)
        {
            throw new InvalidOperationException("A binary message is already being written on this thread; write one at a time.");
        }

        t_written = [];
    }

    /// <summary>Ends the collection <see cref="BeginWrite"/> started.</summary>
    /// <returns>The attachments in reference order (their memory is the message's own: keep the message until the send completes).</returns>
    public static ReadOnlyMemory<byte>[] EndWrite()
    {
        var written = t_written ?? throw new InvalidOperationException("EndWrite without BeginWrite.");
        t_written = null;
        return [.. written];
    }

    /// <summary>Writes a binary value: a reference to a new attachment while collecting, otherwise a base64 string.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="bytes">The bytes.</param>
    public static void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (t_written is { } written)
        {
            writer.WriteStartObject();
            writer.WriteBoolean("_placeholder"u8, true);
            writer.WriteNumber("num"u8, written.Count);
            writer.WriteEndObject();
            written.Add(bytes);
            return;
        }

        writer.WriteBase64StringValue(bytes.Span);
    }

    /// <summary>
    /// Reads a binary value at the reader's current token: an attachment reference (resolved in the current
    /// <see cref="EnterRead"/> scope), a base64 string or an array of byte numbers. The bytes are copied out.
    /// </summary>
    /// <param name="reader">A reader on the value's first token; left on its last.</param>
    /// <param name="value">The bytes.</param>
    /// <returns><see langword="false"/> for anything else, a reference to an attachment the message does not have, or malformed input; never throws.</returns>
    public static bool TryRead(ref Utf8JsonReader reader, out byte[] value)
    {
        value = [];
        try
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.TryGetBytesFromBase64(out value!);
                case JsonTokenType.StartArray:
                    return TryReadNumbers(ref reader, out value);
                case JsonTokenType.StartObject:
                    if (!AttachmentPlaceholder.TryRead(ref reader, out var num) || t_read is not { } attachments || (uint)num >= (uint)t_readCount)
                    {
                        return false;
                    }

                    value = attachments[num].ToArray();
                    return true;
                default:
                    return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryReadNumbers(ref Utf8JsonReader reader, out byte[] value)
    {
        value = [];
        var bytes = new List<byte>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetByte(out var b))
            {
                return false;
            }

            bytes.Add(b);
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            return false;
        }

        value = [.. bytes];
        return true;
    }

    /// <summary>Restores the enclosing read scope's attachments when disposed.</summary>
    public readonly struct ReadScope : IDisposable
    {
        private readonly ReadOnlyMemory<byte>[]? _previous;

        internal ReadScope(ReadOnlyMemory<byte>[]? previous, int previousCount)
        {
            _previous = previous;
            PreviousCount = previousCount;
        }

        internal int PreviousCount { get; }

        /// <summary>Restores the enclosing scope (and lets go of this one's attachments).</summary>
        public void Dispose()
        {
            t_read = _previous;
            t_readCount = PreviousCount;
        }
    }
}
