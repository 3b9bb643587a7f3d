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
    public static bool TryGet(JsonElement value, IReadOnlyList<ReadOnlyMemory<byte>> attachments, out ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        bytes = default;
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("_placeholder", out var flag) || flag.ValueKind != JsonValueKind.True
            || !value.TryGetProperty("num", out var num) || !num.TryGetInt32(out var index)
            || index < 0 || index >= attachments.Count)
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
