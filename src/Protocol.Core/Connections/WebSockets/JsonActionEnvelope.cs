using System.Text.Json;
using Protocol.Infrastructure;

namespace Protocol.JsonActions;

/// <summary>
/// Decodes the JSON-action envelope: one JSON object per frame whose name property (<c>"action"</c> by default)
/// becomes <see cref="MessageView.Name"/>, with <see cref="MessageKind.Action"/> and the whole object as payload. Text and
/// binary frames alike: ExpertOption's server sends its actions as UTF-8 JSON in binary frames. Anything else (a frame
/// that is not such an object) is delivered as <see cref="MessageKind.Raw"/>.
/// </summary>
public static class JsonActionEnvelope
{
    /// <summary>The default name property.</summary>
    public const string DefaultNameProperty = "action";

    /// <summary>Decodes one frame and delivers it to <paramref name="sink"/>. Allocates nothing unless the name is escaped and long.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="isText">Whether it was a text frame. Both kinds are decoded alike (a platform may send its JSON in binary frames, and a binary blob is no JSON object); the flag stays for callers and future envelopes.</param>
    /// <param name="nameProperty">The UTF-8 name of the property that carries the action.</param>
    /// <param name="sink">Where the view goes.</param>
    public static void Deliver(ReadOnlySpan<byte> frame, bool isText, ReadOnlySpan<byte> nameProperty, IMessageSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!TryFindName(frame, nameProperty, out var nameStart, out var nameLength, out var escaped))
        {
            sink.OnMessage(new MessageView(MessageKind.Raw, frame, default, frame));
            return;
        }

        if (!escaped)
        {
            sink.OnMessage(new MessageView(MessageKind.Action, frame, frame.Slice(nameStart, nameLength), frame));
            return;
        }

        // An escaped name ("\u0061ction") is unescaped into a scratch buffer; rare, so the rent is acceptable (a hostile
        // multi-MiB name gets an unpooled one, never a big shared buffer). TryFindName checked that the name is valid
        // Unicode, so CopyString cannot throw.
        var rented = InboundBuffers.Rent(null, nameLength);
        try
        {
            var reader = new Utf8JsonReader(frame.Slice(nameStart, nameLength));
            reader.Read();
            var written = reader.CopyString(rented);
            sink.OnMessage(new MessageView(MessageKind.Action, frame, rented.AsSpan(0, written), frame));
        }
        finally
        {
            InboundBuffers.Return(null, rented);
        }
    }

    // Scans the top-level object for the name property. On success, nameStart/nameLength locate the unescaped value
    // bytes inside frame, or (escaped) the whole string token including quotes.
    private static bool TryFindName(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> nameProperty, out int nameStart, out int nameLength, out bool escaped)
    {
        nameStart = nameLength = 0;
        escaped = false;
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // A key escaping a lone surrogate is data, and simply not the name property (the codec's rule too).
                var isName = JsonStringUnicode.ValueTextEquals(reader, nameProperty);
                reader.Read();
                if (isName && reader.TokenType == JsonTokenType.String)
                {
                    if (!JsonStringUnicode.IsValidUnicode(reader))
                    {
                        // "\ud800" or invalid UTF-8: a name that is not text (the Socket.IO codec refuses such event
                        // names too); the frame goes to raw handlers.
                        return false;
                    }

                    escaped = reader.ValueIsEscaped;
                    if (escaped)
                    {
                        nameStart = (int)reader.TokenStartIndex;
                        nameLength = reader.ValueSpan.Length + 2;
                    }
                    else
                    {
                        nameStart = (int)reader.TokenStartIndex + 1;
                        nameLength = reader.ValueSpan.Length;
                    }

                    return true;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: delivered raw.
        }

        return false;
    }
}
