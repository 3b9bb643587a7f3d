using System.Runtime.InteropServices;
using System.Text.Json;

namespace Protocol.Server.SocketIO;

/// <summary>Reads the binary values a client sent inside its arguments (placeholders <c>{"_placeholder":true,"num":k}</c>).</summary>
public static class SocketIOBinary
{
    /// <summary>The attachment a placeholder stands for.</summary>
    /// <param name="value">An argument, or a value nested in one.</param>
    /// <param name="attachments">The message's attachments.</param>
    /// <param name="bytes">The attachment's bytes.</param>
    /// <returns><see langword="false"/> when <paramref name="value"/> is not a placeholder of an attachment the message has.</returns>
    /// <remarks>
    /// The client's rule (socket.io-parser's): an object whose <c>_placeholder</c> is <c>true</c> is a placeholder whatever
    /// other keys it holds, and the last of a repeated key wins.
    /// </remarks>
    public static bool TryGet(JsonElement value, IReadOnlyList<ReadOnlyMemory<byte>> attachments, out ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        bytes = default;
        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        // The element's own bytes, read by the one rule the client side uses, so both sides agree on any message (a lookup
        // of its own threw on a "num" that is not a number, which is the peer's data, not a bug of the caller).
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(value));
        if (!reader.Read() || !AttachmentPlaceholder.TryRead(ref reader, out var index) || index >= attachments.Count)
        {
            return false;
        }

        bytes = attachments[index];
        return true;
    }

    /// <summary>Writes the placeholder for attachment <paramref name="index"/> (what a binary argument looks like in the JSON).</summary>
    /// <param name="index">The attachment's position in the list given with the emit or ack.</param>
    /// <returns><c>{"_placeholder":true,"num":index}</c>.</returns>
    public static string Placeholder(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return $$"""{"_placeholder":true,"num":{{index}}}""";
    }
}
